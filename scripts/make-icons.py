"""Draws the inspector app's icons (a white check in a ring on the app's blue) as PNGs, with no image library."""
import math
import struct
import sys
import zlib


def png(size: int) -> bytes:
    blue, white = (11, 83, 148), (255, 255, 255)
    rows = []
    c = size / 2
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            d = math.hypot(x - c, y - c) / size
            px, py = x / size, y / size
            # the check: two strokes, (0.30,0.52)->(0.45,0.66)->(0.72,0.38)
            def seg(ax, ay, bx, by):
                vx, vy = bx - ax, by - ay
                t = max(0, min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)))
                return math.hypot(px - ax - t * vx, py - ay - t * vy)
            check = min(seg(0.30, 0.52, 0.45, 0.66), seg(0.45, 0.66, 0.72, 0.38)) < 0.045
            ring = 0.33 < d < 0.38
            row += bytes(white if check or ring else blue)
        rows.append(bytes(row))
    raw = zlib.compress(b''.join(rows), 9)
    chunk = lambda kind, data: struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 2, 0, 0, 0)) + chunk(b'IDAT', raw) + chunk(b'IEND', b'')


for size in (192, 512):
    with open(f'{sys.argv[1]}/icon-{size}.png', 'wb') as f:
        f.write(png(size))
