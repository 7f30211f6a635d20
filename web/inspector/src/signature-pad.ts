/** Draw with a finger (or mouse); the result is a PNG for the evidence store. */
export function signaturePad(canvas: HTMLCanvasElement): { toBlob(): Promise<Blob | null>; clear(): void; isEmpty(): boolean } {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = canvas.clientWidth * ratio;
  canvas.height = canvas.clientHeight * ratio;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.scale(ratio, ratio);
  ctx.lineWidth = 2.5;
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#111';
  let drawing = false;
  let empty = true;
  const at = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    ctx.beginPath();
    ctx.moveTo(...at(e));
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // a pointer that cannot be captured still draws while it stays on the pad
    }
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    ctx.lineTo(...at(e));
    ctx.stroke();
    empty = false;
  });
  const stop = () => {
    drawing = false;
  };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
  return {
    toBlob: () => new Promise((resolve) => canvas.toBlob(resolve, 'image/png')),
    clear: () => {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      empty = true;
    },
    isEmpty: () => empty,
  };
}
