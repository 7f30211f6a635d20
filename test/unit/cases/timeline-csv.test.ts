import type { RecordedEvent } from '#records/domain/recorded-event';
import { timelineCsv } from '#records/domain/timeline';

const event = (data: Record<string, unknown>, actorId = 'off-1'): RecordedEvent => ({
  stream: 'case/case-1',
  seq: 1,
  type: 'Cases.CaseOpened',
  version: 1,
  occurredAt: '2026-04-01T00:00:00.000Z',
  recordedAt: '2026-04-01T00:00:00.000Z',
  actor: { id: actorId, role: 'case-officer', agency: 'SAMR-110105' },
  correlationId: 'c-1',
  data,
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
});

describe('the timeline as CSV (RFC 4180)', () => {
  it('has the header, CRLF between records and none after the last, and quotes a cell with commas, quotes or breaks', () => {
    const csv = timelineCsv([event({ summary: '无证经营, "举报"\n第二行' })]);
    const [header, row, ...rest] = csv.split('\r\n');
    expect(header).toBe('stream,seq,type,version,occurredAt,recordedAt,actorId,actorRole,actorAgency,correlationId,data,prevHash,hash');
    expect(rest).toEqual([]);
    expect(row).toContain('"{""summary"":""无证经营, \\""举报\\""\\n第二行""}"');
  });

  it('escapes a cell a spreadsheet would run as a formula', () => {
    const csv = timelineCsv([event({}, '=HYPERLINK("http://x")')]);
    expect(csv).not.toContain(',=HYPERLINK');
    expect(csv).toContain("'=HYPERLINK");
  });
});
