import { createHash } from 'node:crypto';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';
import { seedTask } from '../support/seed.ts';

const AGENCY = 'SAMR-110105';
const person = (sub: string, roles: string[]) => ({ sub, roles, agency: AGENCY, jurisdiction: '110105' });
const at = () => new Date().toISOString();
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20_000, 7)]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(3_000, 1)]);

describe('field inspections over HTTP (掌上执法)', () => {
  let platform: RunningPlatform;
  let supervisor: ReturnType<typeof api>;
  let inspections: { id: string; team: { id: string }[] }[];
  let teamOf: (i: number) => Promise<ReturnType<typeof api>[]>;

  beforeAll(async () => {
    platform = await startPlatform();
    const seeded = await seedTask(platform.url, {
      entities: Array.from({ length: 40 }, (_, i) => ({ serial: i + 1 })),
      inspectors: ['i1', 'i2', 'i3', 'i4'],
      checklist: [
        { id: 'q1', question: '是否持有有效许可证', mandatory: true },
        { id: 'q2', question: '是否建立进货查验记录', mandatory: false },
      ],
      witness: 'w',
    });
    supervisor = seeded.supervisor;
    const task = { json: { id: seeded.taskId } };
    const proof = (await supervisor('GET', `/sampling-tasks/${task.json.id}/proof`)).json;
    inspections = proof.assignments.map((a: { entity: string; inspectors: string[] }) => ({
      id: `${task.json.id}~${a.entity}`,
      team: a.inspectors.map((id) => ({ id })),
    }));
    await eventually(
      async () => ((await supervisor('GET', `/inspections/${inspections.at(-1)?.id}`)).status === 200 ? true : undefined),
      60_000,
    );
    teamOf = async (i) =>
      Promise.all(
        (inspections[i]?.team ?? []).map(async (m) => api(platform.url, await tokenFor(platform.url, person(m.id, ['inspector'])))),
      );
  }, 120_000);
  afterAll(async () => {
    await platform.stop();
  });

  async function upload(inspector: ReturnType<typeof api>, id: string, kind: string, contentType: string, body: Buffer) {
    const ticket = await inspector('POST', `/inspections/${id}/uploads`, { kind, contentType, size: body.length });
    expect(ticket.status).toBe(200);
    const put = await fetch(ticket.json.url, { method: 'PUT', headers: ticket.json.headers, body });
    expect(put.status).toBe(200);
    return ticket.json.evidenceId as string;
  }

  it('completes an inspection with answers, a photo and a signature, hashes matching the files, and a case clue when non-compliant', async () => {
    const [lead, second] = await teamOf(0);
    const id = inspections[0]?.id as string;
    const team = inspections[0]?.team.map((m) => m.id) as string[];
    if (lead === undefined || second === undefined) throw new Error('team');
    expect(
      (
        await lead('POST', `/inspections/${id}/start`, {
          at: at(),
          channel: 'mobile-form',
          position: { lat: 39.92, lng: 116.46, accuracyM: 9 },
          inspectors: team,
        })
      ).json.status,
    ).toBe('in-progress');
    expect(
      (
        await second('POST', `/inspections/${id}/answers`, {
          at: at(),
          answers: [{ item: 'SC-1', question: 'q1', answer: 'no', note: '许可证过期' }],
        })
      ).status,
    ).toBe(200);
    expect((await lead('POST', `/inspections/${id}/findings`, { at: at(), findingId: 'f1', text: '许可证已过期仍在经营' })).status).toBe(
      200,
    );
    const photo = await upload(lead, id, 'photo', 'image/jpeg', jpeg);
    const recorded = await lead('POST', `/inspections/${id}/evidence`, {
      evidenceId: photo,
      kind: 'photo',
      capturedAt: at(),
      caption: '许可证照片',
    });
    expect(recorded.json.evidence[0]).toMatchObject({
      sha256: createHash('sha256').update(jpeg).digest('hex'),
      size: jpeg.length,
      contentType: 'image/jpeg',
    });
    const signature = await upload(lead, id, 'signature', 'image/png', png);
    await lead('POST', `/inspections/${id}/evidence`, { evidenceId: signature, kind: 'signature', capturedAt: at() });
    await lead('POST', `/inspections/${id}/result`, { at: at(), result: 'non-compliant', summary: '无有效许可证经营' });
    const done = await lead('POST', `/inspections/${id}/complete`, { at: at() }, { 'idempotency-key': 'complete-1' });
    expect(done.json).toMatchObject({ status: 'completed' });
    const again = await second('POST', `/inspections/${id}/complete`, { at: at() });
    expect(again.json.completedAt).toBe(done.json.completedAt);
    const clue = await eventually(async () => {
      const feed = await supervisor('GET', '/activity?limit=100');
      return feed.json.items.find(
        (e: { type: string; stream: string }) => e.type === 'Inspections.CaseClueRaised' && e.stream === `inspection/${id}`,
      );
    });
    expect(clue).toBeDefined();
    const completions = (await supervisor('GET', '/activity?limit=100')).json.items.filter(
      (e: { type: string; stream: string }) => e.type === 'Inspections.InspectionCompleted' && e.stream === `inspection/${id}`,
    );
    expect(completions).toHaveLength(1);
  });

  it('lets the team and staff of the owning agency download the evidence, with the SHA-256 recorded at upload', async () => {
    const [, second] = await teamOf(0);
    if (second === undefined) throw new Error('team');
    const id = inspections[0]?.id as string;
    const photo = (await second('GET', `/inspections/${id}`)).json.evidence.find((e: { kind: string }) => e.kind === 'photo');
    for (const reader of [second, supervisor]) {
      const link = await reader('GET', `/inspections/${id}/evidence/${photo.evidenceId}`);
      expect(link.json).toMatchObject({ evidenceId: photo.evidenceId, method: 'GET', contentType: 'image/jpeg', sha256: photo.sha256 });
      const file = await fetch(link.json.url);
      expect(file.headers.get('content-type')).toBe('image/jpeg');
      expect(
        createHash('sha256')
          .update(Buffer.from(await file.arrayBuffer()))
          .digest('hex'),
      ).toBe(photo.sha256);
    }
    expect((await second('GET', `/inspections/${id}/evidence/ev-none`)).json.type).toBe('/problems/not-found');
    const team = new Set(inspections[0]?.team.map((m) => m.id));
    const outsiderId = ['i1', 'i2', 'i3', 'i4'].find((i) => !team.has(i)) as string;
    const outsider = api(platform.url, await tokenFor(platform.url, person(outsiderId, ['inspector'])));
    expect((await outsider('GET', `/inspections/${id}/evidence/${photo.evidenceId}`)).status).toBe(404);
    // An upload ticket is not a download ticket, and a tampered ticket is refused.
    const [other] = await teamOf(1);
    if (other === undefined) throw new Error('team');
    const ticket = await other('POST', `/inspections/${inspections[1]?.id}/uploads`, {
      kind: 'photo',
      contentType: 'image/jpeg',
      size: 10,
    });
    const asDownload = await fetch(ticket.json.url.replace('/_local/uploads/', '/_local/evidence/'));
    expect(asDownload.status).toBe(403);
    const link = await second('GET', `/inspections/${id}/evidence/${photo.evidenceId}`);
    expect((await fetch(`${link.json.url}x`)).status).toBe(403);
  });

  it('refuses bad input and edits after completion, writing nothing', async () => {
    const [lead] = await teamOf(0);
    const id = inspections[0]?.id as string;
    if (lead === undefined) throw new Error('team');
    expect((await lead('POST', `/inspections/${id}/findings`, { at: at(), findingId: 'late', text: 'x' })).status).toBe(409);
    const correction = await lead('POST', `/inspections/${id}/corrections`, {
      at: at(),
      field: 'summary',
      value: '无有效食品经营许可证经营',
      reason: '表述更准确',
    });
    expect(correction.json.corrections).toHaveLength(1);
    const [other] = await teamOf(1);
    if (other === undefined) throw new Error('team');
    const other1 = inspections[1]?.id as string;
    await other('POST', `/inspections/${other1}/start`, {
      at: at(),
      channel: 'mobile-form',
      inspectors: inspections[1]?.team.map((m) => m.id),
    });
    expect(
      (await other('POST', `/inspections/${other1}/answers`, { at: at(), answers: [{ item: 'SC-1', question: 'q9', answer: 'yes' }] })).json
        .errors[0].field,
    ).toBe('answers.0');
    expect(
      (await other('POST', `/inspections/${other1}/uploads`, { kind: 'photo', contentType: 'image/gif', size: 100 })).json.errors[0].field,
    ).toBe('contentType');
    expect(
      (await other('POST', `/inspections/${other1}/uploads`, { kind: 'photo', contentType: 'image/jpeg', size: 50 * 1024 * 1024 })).json
        .errors[0].field,
    ).toBe('size');
    await other('POST', `/inspections/${other1}/result`, { at: at(), result: 'compliant', summary: '' });
    const incomplete = await other('POST', `/inspections/${other1}/complete`, { at: at() });
    expect(incomplete.status).toBe(409);
    expect(incomplete.json.missing).toEqual(['answers: SC-1/q1 (是否持有有效许可证) is mandatory']);
  });

  it('refuses an upload that is not what the ticket allowed, and stores nothing', async () => {
    const [other] = await teamOf(1);
    if (other === undefined) throw new Error('team');
    const id = inspections[1]?.id as string;
    const ticket = await other('POST', `/inspections/${id}/uploads`, { kind: 'photo', contentType: 'image/jpeg', size: 100 });
    const wrongType = await fetch(ticket.json.url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: Buffer.alloc(100) });
    expect(wrongType.status).toBe(400);
    const tooBig = await fetch(ticket.json.url, { method: 'PUT', headers: ticket.json.headers, body: Buffer.alloc(5000) });
    expect(tooBig.status).toBe(413);
    const record = await other('POST', `/inspections/${id}/evidence`, {
      evidenceId: ticket.json.evidenceId,
      kind: 'photo',
      capturedAt: at(),
    });
    expect(record.json.errors[0]).toEqual({ field: 'evidenceId', message: expect.stringContaining('nothing was uploaded') });
  });

  it('answers 404 to an inspector who is not on the team', async () => {
    const team = new Set(inspections[0]?.team.map((m) => m.id));
    const outsiderId = ['i1', 'i2', 'i3', 'i4'].find((i) => !team.has(i)) as string;
    const outsider = api(platform.url, await tokenFor(platform.url, person(outsiderId, ['inspector'])));
    expect((await outsider('GET', `/inspections/${inspections[0]?.id}`)).status).toBe(404);
    expect(
      (await outsider('POST', `/inspections/${inspections[0]?.id}/start`, { at: at(), channel: 'mobile-form', inspectors: [outsiderId] }))
        .status,
    ).toBe(404);
  });

  it('publishes completed results on the public task page and reports the mobile-form share', async () => {
    const taskId = inspections[0]?.id.split('~')[0];
    const page = await api(platform.url)('GET', `/public/sampling-tasks/${taskId}`);
    expect(page.json.results).toEqual([expect.objectContaining({ result: 'non-compliant' })]);
    const metrics = await supervisor('GET', `/inspection-metrics?from=2020-01-01&to=2099-12-31`);
    expect(metrics.json).toMatchObject({ completedOnSite: 1, onMobileForm: 1, mobileShare: 1 });
    const period = 'from=2020-01-01&to=2099-12-31';
    expect((await supervisor('GET', `/inspection-metrics?${period}&region=110105`)).json).toMatchObject({
      region: '110105',
      completedOnSite: 1,
    });
    expect((await supervisor('GET', `/inspection-metrics?${period}&region=4403`)).json).toMatchObject({ completedOnSite: 0 });
    // An auditor of the jurisdiction reads the agency's figures; one of another jurisdiction counts none of its
    // inspections; another agency's supervisor is told the agency does not exist.
    const auditorOf = async (jurisdiction: string) =>
      api(platform.url, await tokenFor(platform.url, { sub: 'aud-1', roles: ['auditor'], agency: 'AUDIT-11', jurisdiction }));
    expect((await (await auditorOf('11'))('GET', `/inspection-metrics?${period}&agency=${AGENCY}`)).json).toMatchObject({
      agency: AGENCY,
      completedOnSite: 1,
      mobileShare: 1,
    });
    expect((await (await auditorOf('44'))('GET', `/inspection-metrics?${period}&agency=${AGENCY}`)).json).toMatchObject({
      completedOnSite: 0,
    });
    const stranger = api(platform.url, await tokenFor(platform.url, { ...person('sup-x', ['supervisor']), agency: 'SAMR-440305' }));
    expect((await stranger('GET', `/inspection-metrics?${period}&agency=${AGENCY}`)).status).toBe(404);
    // The inspections behind the figure: the same one, started on the mobile form; none on paper.
    const behind = (await supervisor('GET', `/inspections?${period}`)).json;
    expect(behind).toMatchObject({ total: 1, items: [{ inspectionId: inspections[0]?.id, channel: 'mobile-form', origin: 'random' }] });
    expect((await supervisor('GET', `/inspections?${period}&channel=paper`)).json).toMatchObject({ total: 0, items: [] });
    expect((await (await auditorOf('11'))('GET', `/inspections?${period}&agency=${AGENCY}`)).json.total).toBe(1);
    expect((await stranger('GET', `/inspections?${period}&agency=${AGENCY}`)).status).toBe(404);
    const inspector = api(platform.url, await tokenFor(platform.url, person('i1', ['inspector'])));
    expect((await inspector('GET', `/inspections?${period}`)).status).toBe(403);
  });
});
