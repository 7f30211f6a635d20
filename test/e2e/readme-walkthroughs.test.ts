import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { refoldCheck } from '../support/refold.ts';
import { ROOT, type RunningPlatform, startPlatform } from '../support/runtime-process.ts';

/**
 * The README's walk-throughs run exactly as written (issue 11, point 8): every `sh` block from "Try the API" up to
 * the web apps, in order, in one bash against a fresh runtime. `curl` answers ≥ 400 fail the run (curl's own
 * --fail-with-body), except on the lines the README itself marks as refused (`|| echo`), and so does any command
 * that fails (`set -euo pipefail`). The only change made to the text is the runtime's port.
 */
function walkthroughs(): string {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const from = readme.indexOf('## Try the API');
  const to = readme.indexOf('### The public disclosure site');
  if (from < 0 || to < from) throw new Error('README: the walk-through sections were not found');
  return [...readme.slice(from, to).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

function run(script: string): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-c', script], {
      cwd: ROOT,
      env: { ...process.env, PATH: `${resolve(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('close', (code) => done({ code, out }));
  });
}

describe('the README walk-throughs, as written, on a fresh runtime', () => {
  let platform: RunningPlatform;
  beforeAll(async () => {
    platform = await startPlatform();
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    rmSync(resolve(ROOT, 'proof.json'), { force: true });
    rmSync(resolve(ROOT, 'pops'), { recursive: true, force: true });
  });

  it('runs every block without an error answer, and the answers say what the README says', async () => {
    const port = new URL(platform.url).port;
    const preamble = [
      'set -euo pipefail',
      // An error answer fails the command (unless the line already asks for --fail itself).
      'curl() { case " $* " in *" --fail "*) command curl "$@" ;; *) command curl --fail-with-body "$@" ;; esac; }',
    ].join('\n');
    const script = `${preamble}\n${walkthroughs().replaceAll('localhost:3000', `127.0.0.1:${port}`)}`;
    const { code, out } = await run(script);
    if (code !== 0) throw new Error(`a README block failed (exit ${code}); its output ends with:\n${out.slice(-3000)}`);
    const said = (what: RegExp) => (what.test(out) ? what.source : `missing ${what.source}`);
    for (const expected of [
      /"status":"completed","total":7,"rowsDone":7,"accepted":6/, // the import job of examples/entities.csv
      /"line":8,"uscc":"911101050000000000","reason":"uscc: wrong check character/, // its rejected row
      /^match$/m, // verify-draw re-ran the draw
      /"party":"王\*\*"/, // the published decision, masked
      /"violationName":"未取得食品经营许可从事食品经营活动[^"]*","documentNumber":"京朝市监处罚〔2026〕1号"/, // …named, numbered
      /"code":"SAMR-110105","name":"北京市朝阳区市场监督管理局"/, // the agency named itself
      /"id":"e-1","status":"accepted"/, // the posted CloudEvent
      /"reason":"invalid-data".*"errors":\[\{"field":"data\.severity"/, // the refused one, field by field
      /"rule":"credit-v1\/penalty-fine","points":-\d+,"by":"other-department"/, // the tax fine on the credit profile
      /"removed":\{"on":"\d{4}-\d{2}-\d{2}","reason":"已按责令期限公示相关信息 \(已核实\)"\}/, // off the abnormal list
      /"underObjection":"credit-objection\/objection-/, // 异议处理中
      /\{"status":"upheld","closedOn":"\d{4}-\d{2}-\d{2}"\}/, // the objection decided
      /"status":"raised","rule":"external-risk-signal".*"allowedSteps":\["acknowledge"\]/, // the raised alert, for an officer
      /"kind":"targeted-inspection","inspectionId":"alert-[0-9a-f]{20}~1"/, // disposed of by a targeted inspection
      /\{"status":"closed","feedback":\[\{"from":\{"kind":"inspection","id":"alert-[0-9a-f]{20}~1"\},"outcome":"compliant"\}\]\}/, // closed by its result
      /"measureId":"m-1","kind":"seize","state":"in-force","due":"\d{4}-\d{2}-\d{2}","daysLeft":3\d,"approval":false,"sha256":"[0-9a-f]{64}"/, // seized
      /\{"days":30,"on":"\d{4}-\d{2}-\d{2}","reason":"待检验结果"\}/, // extended once
      /行政强制法 §25 allows one extension/, // …and not twice
      /\{"state":"released","released":\{"on":"\d{4}-\d{2}-\d{2}","reason":"decided","disposition":"confiscated"/, // released at the decision
      /"surcharge":600,"owed":20600,"capReachedOn":null\}/, // the first day after the due date
      /\{"fineOutstanding":20000,"surcharge":20000,"owed":40000,"capReachedOn":"\d{4}-\d{2}-\d{2}"\}/, // stopped at the fine
      /The court can be asked from \d{4}-\d{2}-\d{2}/, // too early, with the date
      /\{"status":"court-enforcement","court":\{"on":"\d{4}-\d{2}-\d{2}","court":"北京市东城区人民法院","fine":20000,"surcharge":20000/, // applied
    ])
      expect(said(expected)).toBe(expected.source);
  }, 300_000);

  it('leaves every head the fold of its stream’s events after the walk-throughs (npm run rebuild-heads -- --check)', async () => {
    const report = await refoldCheck(platform);
    expect(report.differing).toEqual([]);
    expect(report.unknown).toEqual([]);
    expect(Object.keys(report.byPrefix).sort()).toEqual(
      expect.arrayContaining([
        'agency/',
        'alert/',
        'alert-watch/',
        'case/',
        'entity-import/',
        'entity/',
        'external/',
        'inspection/',
        'sampling-task/',
        'system/',
      ]),
    );
  });
});
