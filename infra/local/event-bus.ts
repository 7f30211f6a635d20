import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isUnavailable } from '#shared/to-problem';
import type { FunctionName, RuleSpec } from '../topology.ts';
import { assertSupported, matches } from './event-pattern.ts';

export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Time?: number | string;
  Resources?: string[];
}

export interface BusOptions {
  rules: readonly RuleSpec[];
  invoke: (fn: FunctionName, payload: unknown) => Promise<unknown>;
  /** Where undeliverable events go, one NDJSON file per rule. */
  deadLetterDir: string;
  /** Delays before each retry of a consumer that failed; then the dead-letter file. */
  retryDelaysMs?: readonly number[];
  /**
   * A delivery that failed because the table was not answering is retried with a growing pause (at most 30 s)
   * for this long, as EventBridge retries for up to 24 hours, instead of being dead-lettered within seconds.
   */
  maxEventAgeMs?: number;
  /**
   * The queue on disk: a delivery is written here before PutEvents answers and marked done once its consumer
   * succeeded or it is in the dead-letter file, so deliveries survive a crash and are made on the next start.
   */
  journalFile?: string;
  concurrency?: number;
  log?: (line: string) => void;
}

interface Delivery {
  id: string;
  rule: RuleSpec;
  event: BusEvent;
}

/**
 * The local EventBridge: takes PutEvents as the AWS SDK sends it, matches each entry against the topology's
 * rules and delivers `{rule, event}` to the target at least once, with retries, then to a dead-letter file.
 */
export class LocalEventBus {
  /** One queue per rule, as each EventBridge rule's target is delivered on its own: a backlog on one rule never holds up another. */
  private readonly queues = new Map<string, Delivery[]>();
  private readonly activeByRule = new Map<string, number>();
  private active = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  readonly stats = { published: 0, delivered: 0, retried: 0, deadLettered: 0, recovered: 0 };

  constructor(private readonly options: BusOptions) {
    for (const rule of options.rules) assertSupported(rule.pattern, `rule ${rule.name}`);
    this.recover();
  }

  /** Deliveries journaled and never marked done (the last run crashed or was stopped) are queued again, in order. */
  private recover(): void {
    const file = this.options.journalFile;
    if (file === undefined) return;
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) return;
    const pending = new Map<string, { id: string; rule: string; event: BusEvent }>();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      try {
        const entry = JSON.parse(line) as { op: 'put' | 'done'; id: string; rule?: string; event?: BusEvent };
        if (entry.op === 'put' && entry.rule !== undefined && entry.event !== undefined)
          pending.set(entry.id, { id: entry.id, rule: entry.rule, event: entry.event });
        else pending.delete(entry.id);
      } catch {
        // A line cut short by a crash: its PutEvents was never answered, so the outbox publishes it again.
      }
    }
    const deliveries: Delivery[] = [];
    for (const p of pending.values()) {
      const rule = this.options.rules.find((r) => r.name === p.rule);
      if (rule !== undefined) deliveries.push({ id: p.id, rule, event: p.event });
    }
    writeFileSync(file, deliveries.map((d) => journalLine(d)).join(''));
    if (deliveries.length > 0) {
      this.options.log?.(`redelivering ${deliveries.length} event deliveries left undelivered by the last run`);
      this.stats.recovered = deliveries.length;
      this.enqueue(deliveries);
      this.pump();
    }
  }

  /**
   * Redrive (`npm run redrive -- <rule>`): the rule's dead letters are queued again, journaled like any delivery, and
   * the dead-letter file is kept beside as `<rule>.redriven-<time>.ndjson`. Returns how many were queued.
   */
  redrive(ruleName: string): number {
    const rule = this.options.rules.find((r) => r.name === ruleName);
    if (rule === undefined) throw new Error(`no rule ${ruleName}; the rules are: ${this.options.rules.map((r) => r.name).join(', ')}`);
    const file = join(this.options.deadLetterDir, `${rule.name}.ndjson`);
    if (!existsSync(file)) return 0;
    const kept = join(this.options.deadLetterDir, `${rule.name}.redriven-${new Date().toISOString().replace(/[:.]/g, '-')}.ndjson`);
    renameSync(file, kept);
    const deliveries: Delivery[] = readFileSync(kept, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const { event } = JSON.parse(line) as { event: BusEvent };
        return { id: `${event.id}/${rule.name}/redrive-${crypto.randomUUID()}`, rule, event };
      });
    if (this.options.journalFile !== undefined && deliveries.length > 0)
      appendFileSync(this.options.journalFile, deliveries.map(journalLine).join(''));
    this.enqueue(deliveries);
    this.pump();
    return deliveries.length;
  }

  /** Takes no new delivery; those in flight are abandoned to the journal and made again on the next start. */
  stop(): void {
    this.stopped = true;
    this.queues.clear();
  }

  /** The body of an `AWSEvents.PutEvents` call; answers as EventBridge does. */
  putEvents(body: { Entries?: PutEventsEntry[] }): {
    FailedEntryCount: number;
    Entries: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[];
  } {
    const accepted: Delivery[] = [];
    const results = (body.Entries ?? []).map((entry) => {
      if (!entry.Source || !entry.DetailType || entry.Detail === undefined) {
        return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
      }
      let detail: unknown;
      try {
        detail = JSON.parse(entry.Detail);
      } catch {
        return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
      }
      const event: BusEvent = {
        version: '0',
        id: crypto.randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: '000000000000',
        time:
          entry.Time === undefined
            ? new Date().toISOString()
            : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: 'us-east-1',
        resources: entry.Resources ?? [],
        detail,
      };
      this.stats.published += 1;
      for (const rule of this.options.rules)
        if (matches(rule.pattern, event)) accepted.push({ id: `${event.id}/${rule.name}`, rule, event });
      return { EventId: event.id };
    });
    if (this.stopped) {
      return {
        FailedEntryCount: results.length,
        Entries: results.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'the local bus is stopping' })),
      };
    }
    // On disk before PutEvents answers: the outbox moves its checkpoint on only once the deliveries are safe.
    if (this.options.journalFile !== undefined && accepted.length > 0)
      appendFileSync(this.options.journalFile, accepted.map(journalLine).join(''));
    this.enqueue(accepted);
    this.pump();
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  /** Resolves when every queued delivery has been made or dead-lettered. */
  idle(): Promise<void> {
    if ((this.queued() === 0 || this.stopped) && this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 8;
    for (const [rule, queue] of this.queues) {
      while (!this.stopped && (this.activeByRule.get(rule) ?? 0) < limit && queue.length > 0) {
        const next = queue.shift() as Delivery;
        this.start(next);
      }
    }
  }

  private enqueue(deliveries: readonly Delivery[]): void {
    for (const d of deliveries) {
      const queue = this.queues.get(d.rule.name);
      if (queue === undefined) this.queues.set(d.rule.name, [d]);
      else queue.push(d);
    }
  }

  private queued(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.length;
    return n;
  }

  private start(next: Delivery): void {
    const rule = next.rule.name;
    this.active += 1;
    this.activeByRule.set(rule, (this.activeByRule.get(rule) ?? 0) + 1);
    void this.deliver(next)
      .then(() => this.markDone(next))
      .catch((error: unknown) => this.options.log?.(`the local bus could not record a delivery: ${(error as Error).message}`))
      .finally(() => {
        this.active -= 1;
        this.activeByRule.set(rule, (this.activeByRule.get(rule) ?? 1) - 1);
        this.pump();
        if ((this.queued() === 0 || this.stopped) && this.active === 0) this.wakeIdle();
      });
  }

  private markDone(delivery: Delivery): void {
    const file = this.options.journalFile;
    if (file === undefined || this.stopped) return;
    appendFileSync(file, `${JSON.stringify({ op: 'done', id: delivery.id })}\n`);
  }

  private wakeIdle(): void {
    const file = this.options.journalFile;
    // Nothing is pending: the journal starts afresh rather than growing with every delivery ever made.
    if (file !== undefined && !this.stopped && this.queued() === 0 && existsSync(file) && statSync(file).size > 1024 * 1024) {
      writeFileSync(file, '');
    }
    for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private async deliver({ rule, event }: Delivery): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [200, 1000, 5000];
    const maxAge = this.options.maxEventAgeMs ?? 24 * 3_600_000;
    const firstTry = Date.now();
    let lastError: unknown;
    let failures = 0;
    let outage = 0;
    for (;;) {
      // Stopping: what is not delivered stays in the journal for the next start.
      if (this.stopped) return;
      try {
        await this.options.invoke(rule.target, { rule: rule.name, event });
        this.stats.delivered += 1;
        return;
      } catch (error) {
        lastError = error;
      }
      // The table not answering is no fault of the event: wait for it (as EventBridge retries for up to 24 h).
      if (isUnavailable(lastError) && Date.now() - firstTry < maxAge) {
        outage += 1;
        this.stats.retried += 1;
        await new Promise((r) => setTimeout(r, Math.min(30_000, 200 * 2 ** Math.min(outage, 8))));
        continue;
      }
      if (failures >= delays.length) break;
      this.stats.retried += 1;
      await new Promise((r) => setTimeout(r, delays[failures]));
      failures += 1;
    }
    this.stats.deadLettered += 1;
    mkdirSync(this.options.deadLetterDir, { recursive: true });
    const file = join(this.options.deadLetterDir, `${rule.name}.ndjson`);
    appendFileSync(
      file,
      `${JSON.stringify({ rule: rule.name, target: rule.target, failedAt: new Date().toISOString(), error: String((lastError as Error)?.message ?? lastError), event })}\n`,
    );
    this.options.log?.(
      `event ${event.id} (${event['detail-type']}) could not be delivered to ${rule.target} by rule ${rule.name}; written to ${file}`,
    );
  }
}

const journalLine = (d: Delivery) => `${JSON.stringify({ op: 'put', id: d.id, rule: d.rule.name, event: d.event })}\n`;
