import { CloudEvent, HTTP } from 'cloudevents';
import { entityInput, usccFor } from '../support/directory-fixtures.ts';
import { api, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';

const AGENCY = 'SAMR-110105';
const SOURCE = 'urn:cn:gov:tax:110105:enforcement';
const person = (sub: string, roles: string[], agency = AGENCY) => ({ sub, roles, agency, jurisdiction: '110105' });
type Result = { status: string; reason?: string; id?: string };

/** What a sending system builds with the CloudEvents SDK. */
const decision = (id: string, subject: string, time = '2026-11-20T02:00:00Z', fine = 500) =>
  new CloudEvent({
    id,
    source: SOURCE,
    type: 'External.PenaltyDecision',
    time,
    subject,
    datacontenttype: 'application/json',
    data: {
      decisionNumber: `京税罚〔2026〕${id}号`,
      decidedOn: time.slice(0, 10),
      penalty: { types: ['fine'], fine },
      legalBasis: '《税收征收管理法》',
    },
  });
const signal = (id: string, subject: string, time: string, severity: 'low' | 'medium' | 'high') =>
  new CloudEvent({
    id,
    source: SOURCE,
    type: 'External.RiskSignal',
    time,
    subject,
    data: { signal: 'TAX-ARREARS', severity, description: `欠税 ${id}`, observedOn: time.slice(0, 10) },
  });

describe('enforcement systems post CloudEvents', () => {
  let platform: RunningPlatform;
  let admin: ReturnType<typeof api>;
  let staff: ReturnType<typeof api>;
  let systemToken: string;
  let caseId: string;
  let foreignCaseId: string;
  const post = async (events: unknown, headers: Record<string, string> = {}, token = systemToken) => {
    const response = await fetch(`${platform.url}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents-batch+json', ...headers },
      body: typeof events === 'string' ? events : JSON.stringify(events),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) };
  };

  beforeAll(async () => {
    platform = await startPlatform();
    admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    staff = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    for (let i = 1; i <= 20; i += 1) expect((await admin('POST', '/entities', entityInput(i))).status).toBe(201);
    const registered = await admin('POST', '/systems', {
      id: 'tax-110105',
      name: '东城区税务局执法系统',
      clientId: 'tax-client-1',
      source: SOURCE,
      eventTypes: ['External.PenaltyDecision', 'External.RiskSignal', 'External.CaseStatusChange'],
      ratePerSecond: 200,
    });
    expect(registered.status).toBe(201);
    systemToken = await tokenFor(platform.url, { client_id: 'tax-client-1', scopes: ['events:write'], agency: AGENCY });
    const officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    const opened = await officer('POST', '/cases', {
      entity: usccFor(1),
      party: { kind: 'organisation', name: '测试企业1有限公司' },
      summary: '移送',
    });
    caseId = opened.json.caseId;
    const foreign = api(platform.url, await tokenFor(platform.url, person('off-9', ['case-officer', 'supervisor'], 'SAMR-440305')));
    await foreign('POST', '/entities', { uscc: usccFor(1), name: '测试企业1有限公司', industry: 'F52', region: '440305', address: '深圳' });
    foreignCaseId = (await foreign('POST', '/cases', { entity: usccFor(1), party: { kind: 'organisation', name: 'x' }, summary: 's' })).json
      .caseId;
  }, 120_000);
  afterAll(async () => {
    await platform.stop();
  });

  it('answers a batch with good, duplicate and invalid entries entry by entry (207), and a resend changes nothing', async () => {
    const statusChange = new CloudEvent({
      id: 'cs-1',
      source: SOURCE,
      type: 'External.CaseStatusChange',
      time: '2026-11-21T03:00:00Z',
      subject: caseId,
      data: { externalCaseNumber: '京公立〔2026〕1号', status: 'accepted', note: '已立案侦查' },
    });
    const batch = [
      decision('d-1', usccFor(1)),
      statusChange,
      decision('d-1', usccFor(1)),
      new CloudEvent({
        id: 'bad-1',
        source: SOURCE,
        type: 'External.RiskSignal',
        time: '2026-11-21T00:00:00Z',
        subject: usccFor(1),
        data: { signal: 'X' },
      }),
      new CloudEvent({
        id: 'bad-2',
        source: SOURCE,
        type: 'External.InspectionResult',
        time: '2026-11-21T00:00:00Z',
        subject: usccFor(1),
        data: {},
      }),
      new CloudEvent({
        id: 'bad-3',
        source: 'urn:someone-else',
        type: 'External.RiskSignal',
        time: '2026-11-21T00:00:00Z',
        subject: usccFor(1),
        data: {},
      }),
      signal('bad-4', foreignCaseId, '2026-11-21T00:00:00Z', 'low'),
      signal('bad-5', usccFor(99), '2026-11-21T00:00:00Z', 'low'),
    ];
    const first = await post(batch);
    expect(first.status).toBe(207);
    expect(first.json.results.map((r: Result) => [r.id, r.status, r.reason])).toEqual([
      ['d-1', 'accepted', undefined],
      ['cs-1', 'accepted', undefined],
      ['d-1', 'duplicate', undefined],
      ['bad-1', 'rejected', 'invalid-data'],
      ['bad-2', 'rejected', 'type-not-registered'],
      ['bad-3', 'rejected', 'source-not-registered'],
      ['bad-4', 'rejected', 'subject-not-in-agency'],
      ['bad-5', 'rejected', 'subject-not-in-agency'],
    ]);
    expect(first.json).toMatchObject({ accepted: 2, duplicate: 1, rejected: 5 });
    const before = (await staff('GET', `/external-records/${usccFor(1)}`)).json;
    const again = await post(batch);
    expect(again.json.results.map((r: Result) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', ...Array(5).fill('rejected')]);
    expect((await staff('GET', `/external-records/${usccFor(1)}`)).json).toEqual(before);
  });

  it('shows the accepted event on the case timeline with the posting system as its actor, chain whole', async () => {
    const timeline = (await staff('GET', `/cases/${caseId}/timeline?limit=100`)).json.events;
    const external = timeline.find((e: { type: string }) => e.type === 'External.CaseStatusChange');
    expect(external).toMatchObject({
      stream: `external/${AGENCY}/${caseId}`,
      actor: { id: 'tax-110105', role: 'enforcement-system', agency: AGENCY },
      occurredAt: '2026-11-21T03:00:00.000Z',
      data: { source: SOURCE, id: 'cs-1', data: { status: 'accepted' } },
    });
    expect((await staff('GET', `/cases/${caseId}/timeline/verify`)).json.ok).toBe(true);
  });

  it('takes one event in structured mode and in binary mode, as the SDK emits them', async () => {
    const message = HTTP.structured(decision('d-structured', usccFor(2)));
    const response = await post(message.body as string, { 'content-type': String(message.headers['content-type']) });
    expect(response).toMatchObject({ status: 200, json: { accepted: 1, results: [{ status: 'accepted' }] } });
    const binary = HTTP.binary(decision('d-binary', usccFor(2)));
    const headers = Object.fromEntries(Object.entries(binary.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const answer = await post(binary.body as string, headers);
    expect(answer).toMatchObject({ status: 200, json: { accepted: 1, results: [{ id: 'd-binary', status: 'accepted' }] } });
    const record = (await staff('GET', `/external-records/${usccFor(2)}`)).json;
    expect(record.counts['External.PenaltyDecision']).toBe(2);
  });

  it('keeps state by event time, whatever the order of arrival', async () => {
    await post([signal('s-new', usccFor(3), '2026-11-22T00:00:00Z', 'high')]);
    await post([signal('s-old', usccFor(3), '2026-11-01T00:00:00Z', 'low')]);
    const record = (await staff('GET', `/external-records/${usccFor(3)}`)).json;
    expect(record.latest['External.RiskSignal']).toMatchObject({ id: 's-new', data: { severity: 'high' } });
    expect(record).toMatchObject({ counts: { 'External.RiskSignal': 2 }, firstTime: '2026-11-01T00:00:00.000Z' });
  });

  it('accepts each event once under concurrent duplicate batches and retries', async () => {
    const batch = Array.from({ length: 30 }, (_, i) => decision(`c-${i}`, usccFor(4 + (i % 3))));
    const responses = await Promise.all(Array.from({ length: 4 }, () => post(batch)));
    for (let i = 0; i < batch.length; i += 1) {
      const statuses = responses.map((r) => r.json.results[i].status).sort();
      expect(statuses).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate']);
    }
    const counts = await Promise.all([4, 5, 6].map(async (n) => (await staff('GET', `/external-records/${usccFor(n)}`)).json.version));
    expect(counts).toEqual([10, 10, 10]);
    // A retry with the same Idempotency-Key gets the first answer again.
    const keyed = [decision('k-1', usccFor(7))];
    const one = await post(keyed, { 'idempotency-key': 'retry-1' });
    const two = await post(keyed, { 'idempotency-key': 'retry-1' });
    expect(two.json).toEqual(one.json);
    expect(one.json.accepted).toBe(1);
  });

  it('refuses what it must: no scope, an unregistered client, too big, too many, too fast', async () => {
    const person = await tokenFor(platform.url, { sub: 'sup-1', roles: ['supervisor'], agency: AGENCY, jurisdiction: '110105' });
    expect((await post([decision('x', usccFor(1))], {}, person)).status).toBe(403);
    const stranger = await tokenFor(platform.url, { client_id: 'unknown-client', scopes: ['events:write'], agency: AGENCY });
    const unregistered = await post([decision('x', usccFor(1))], {}, stranger);
    expect(unregistered.status).toBe(403);
    expect(unregistered.json.detail).toContain('not a registered enforcement system');
    const big = 'x'.repeat(1024 * 1024);
    expect((await post([{ ...decision('big', usccFor(1)).toJSON(), data: { summary: big } }])).status).toBe(413);
    const many = await post(Array.from({ length: 101 }, (_, i) => decision(`m-${i}`, usccFor(1))));
    expect(many).toMatchObject({ status: 400, json: { type: '/problems/batch-size' } });
    expect((await post('[]', { 'content-type': 'application/json' })).status).toBe(415);
    await admin('POST', '/systems', {
      id: 'slow-system',
      name: '限速系统',
      clientId: 'slow-client',
      source: 'urn:slow',
      eventTypes: ['External.RiskSignal'],
      ratePerSecond: 1,
    });
    const slow = await tokenFor(platform.url, { client_id: 'slow-client', scopes: ['events:write'], agency: AGENCY });
    const statuses = await Promise.all(Array.from({ length: 3 }, () => post([], {}, slow)));
    const limited = statuses.find((s) => s.status === 429);
    expect(limited?.headers.get('retry-after')).toBe('1');
    expect(limited?.json.type).toBe('/problems/too-many-requests');
  });

  it('publishes the catalog without login, and registers systems for admins only', async () => {
    const catalog = (await (await fetch(`${platform.url}/events/catalog`)).json()) as { types: { type: string; schema: unknown }[] };
    expect(catalog.types.map((t: { type: string }) => t.type)).toEqual([
      'External.InspectionResult',
      'External.PenaltyDecision',
      'External.CaseStatusChange',
      'External.RiskSignal',
      'External.Complaint',
    ]);
    expect(catalog.types[1]?.schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['decisionNumber']) });
    const listed = await staff('GET', '/systems');
    expect(listed.json.items.map((s: { id: string }) => s.id)).toEqual(['slow-system', 'tax-110105']);
    const again = await admin('POST', '/systems', {
      id: 'tax-2',
      name: 'n',
      clientId: 'tax-client-1',
      source: 'urn:x',
      eventTypes: ['External.RiskSignal'],
    });
    expect(again.status).toBe(409);
    const unknown = await admin('POST', '/systems', {
      id: 'tax-3',
      name: 'n',
      clientId: 'c3',
      source: 'urn:y',
      eventTypes: ['External.Nope'],
    });
    expect(unknown.status).toBe(400);
    expect(
      (await staff('POST', '/systems', { id: 'tax-4', name: 'n', clientId: 'c4', source: 'urn:z', eventTypes: ['External.RiskSignal'] }))
        .status,
    ).toBe(403);
  });

  it('replays 10,000 events twice, in another order the second time, to exactly the same state', async () => {
    const subjects: string[] = Array.from({ length: 13 }, (_, i) => usccFor(8 + i));
    const events: CloudEvent<unknown>[] = Array.from({ length: 10_000 }, (_, i) => {
      const subject = subjects[i % subjects.length] as string;
      const time = new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 100_000) * 60_000).toISOString();
      return i % 2 === 0
        ? decision(`r-${i}`, subject, time, i)
        : signal(`r-${i}`, subject, time, (['low', 'medium', 'high'] as const)[i % 3] ?? 'low');
    });
    const send = async (ordered: CloudEvent<unknown>[]) => {
      const batches = Array.from({ length: ordered.length / 100 }, (_, b) => ordered.slice(b * 100, b * 100 + 100));
      const statuses: string[] = [];
      // Four clients at once, as several senders would.
      for (let b = 0; b < batches.length; b += 4) {
        const answers = await Promise.all(batches.slice(b, b + 4).map((batch) => post(batch)));
        for (const a of answers) statuses.push(...a.json.results.map((r: Result) => r.status));
      }
      return statuses;
    };
    const snapshot = async () => Promise.all(subjects.map(async (s) => (await staff('GET', `/external-records/${s}`)).json));
    const shuffled = (seed: number) => {
      const copy = [...events];
      let x = seed;
      for (let i = copy.length - 1; i > 0; i -= 1) {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        const j = x % (i + 1);
        [copy[i], copy[j]] = [copy[j] as CloudEvent<unknown>, copy[i] as CloudEvent<unknown>];
      }
      return copy;
    };
    const firstPass = await send(shuffled(1));
    expect(firstPass.filter((s) => s === 'accepted')).toHaveLength(10_000);
    const state = await snapshot();
    expect(state.reduce((n, r) => n + r.version, 0)).toBe(10_000);
    const secondPass = await send(shuffled(2));
    expect(new Set(secondPass)).toEqual(new Set(['duplicate']));
    expect(await snapshot()).toEqual(state);
    // The latest report of each type is the one with the greatest time, whatever the arrival order.
    for (const record of state) {
      for (const type of ['External.RiskSignal', 'External.PenaltyDecision']) {
        const mine = events.filter((e) => e.subject === record.subject && e.type === type);
        const latest = mine.reduce((a, b) => ((b.time as string) > (a.time as string) ? b : a));
        expect(record.latest[type].id).toBe(latest.id);
      }
    }
  }, 300_000);
});
