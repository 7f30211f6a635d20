import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
  /** Delays before each retry; EventBridge's retry policy in AWS. */
  retryDelaysMs?: readonly number[];
  concurrency?: number;
  log?: (line: string) => void;
}

/**
 * The local EventBridge: takes PutEvents as the AWS SDK sends it, matches each entry against the topology's
 * rules and delivers `{rule, event}` to the target at least once, with retries, then to a dead-letter file.
 */
export class LocalEventBus {
  private readonly queue: { rule: RuleSpec; event: BusEvent }[] = [];
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  readonly stats = { published: 0, delivered: 0, retried: 0, deadLettered: 0 };

  constructor(private readonly options: BusOptions) {
    for (const rule of options.rules) assertSupported(rule.pattern, `rule ${rule.name}`);
  }

  /** The body of an `AWSEvents.PutEvents` call; answers as EventBridge does. */
  putEvents(body: { Entries?: PutEventsEntry[] }): {
    FailedEntryCount: number;
    Entries: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[];
  } {
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
      for (const rule of this.options.rules) if (matches(rule.pattern, event)) this.queue.push({ rule, event });
      return { EventId: event.id };
    });
    this.pump();
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  /** Resolves when every queued delivery has been made or dead-lettered. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 8;
    while (this.active < limit && this.queue.length > 0) {
      const next = this.queue.shift();
      if (next === undefined) break;
      this.active += 1;
      void this.deliver(next.rule, next.event).finally(() => {
        this.active -= 1;
        this.pump();
        if (this.queue.length === 0 && this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
  }

  private async deliver(rule: RuleSpec, event: BusEvent): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [200, 1000, 5000];
    let lastError: unknown;
    for (let attempt = 0; attempt <= delays.length; attempt += 1) {
      if (attempt > 0) {
        this.stats.retried += 1;
        await new Promise((r) => setTimeout(r, delays[attempt - 1]));
      }
      try {
        await this.options.invoke(rule.target, { rule: rule.name, event });
        this.stats.delivered += 1;
        return;
      } catch (error) {
        lastError = error;
      }
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
