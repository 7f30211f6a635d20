import * as E from '#events/cases/case-events.v1';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import { maskPersonName, maskText } from '#shared/masking';
import { publicationIndex as layoutIndex, publicationStream } from '../adapters/table-layout.ts';
import type { CaseRecord } from './case-record.ts';

/**
 * Publicity of penalty decisions (一公开, DESIGN §6; 市场监督管理行政处罚信息公示规定): every decision other than a
 * warning alone is published, personal data masked; it drops off after 3 months for a small fine and after 3 years
 * otherwise; a revoked decision is withdrawn (within 3 working days: the platform does it as soon as the revocation
 * is recorded). Each publication is its own stream, `publication/<caseId>`, so that its steps are on the record.
 */
export interface PublicitySettings {
  /** A decision that is a fine of at most this many yuan (and nothing heavier) is a small fine: 3 months. */
  smallFineMax: number;
  shortMonths: number;
  longMonths: number;
}

export const PUBLICITY_DEFAULTS: PublicitySettings = { smallFineMax: 10_000, shortMonths: 3, longMonths: 36 };

export type Notice = {
  caseId: string;
  agency: string;
  entity: string;
  party: string;
  summary: string;
  penalty: NonNullable<CaseRecord['decision']>['penalty'];
  decidedOn: string;
  violationName?: string;
  documentNumber?: string;
};

export interface Publication {
  notice: Notice;
  publishedOn: string;
  takedownOn: string;
  period: '3 months' | '3 years';
  status: 'live' | 'withdrawn' | 'taken-down';
  endedOn?: string;
  reason?: string;
}

export { publicationStream };

/** Whether a case's decision is published at all: not a warning alone, and not revoked. */
export function publishes(c: CaseRecord): boolean {
  const types = c.decision?.penalty.types ?? [];
  return c.status !== 'revoked' && types.some((t) => t !== 'warning');
}

function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** The notice as the public sees it: ID and phone numbers masked anywhere, a natural person's name in part. */
export function noticeOf(c: CaseRecord, violationName?: string): Notice {
  const decision = c.decision;
  if (decision === undefined) throw new Error(`Case ${c.caseId} has no decision to publish`);
  const person = c.party.kind === 'person' ? c.party.name.trim() : '';
  // The party's own name is masked wherever the summary repeats it; other names in free text cannot be told apart.
  const summary = maskText(person === '' ? c.summary : c.summary.replaceAll(person, maskPersonName(person)));
  return {
    caseId: c.caseId,
    agency: c.agency,
    entity: c.entity,
    party: person === '' ? maskText(c.party.name) : maskPersonName(person),
    summary,
    penalty: decision.penalty,
    decidedOn: decision.on,
    ...(violationName === undefined ? {} : { violationName }),
    ...(decision.documentNumber === undefined ? {} : { documentNumber: decision.documentNumber }),
  };
}

export function publish(
  c: CaseRecord,
  today: string,
  settings = PUBLICITY_DEFAULTS,
  violationName?: string,
): { events: NewEvent[]; state: Publication } {
  const penalty = c.decision?.penalty;
  const small = penalty?.types.every((t) => t === 'warning' || t === 'fine') === true && (penalty.fine ?? 0) <= settings.smallFineMax;
  const data = {
    notice: noticeOf(c, violationName),
    publishedOn: today,
    takedownOn: addMonths(today, small ? settings.shortMonths : settings.longMonths),
    period: small ? ('3 months' as const) : ('3 years' as const),
  };
  return recorded(undefined, { type: E.DecisionPublished.DETAIL_TYPE, version: E.DecisionPublished.VERSION, data });
}

export function withdraw(p: Publication, today: string, reason: string): { events: NewEvent[]; state: Publication } {
  return recorded(p, { type: E.DecisionWithdrawn.DETAIL_TYPE, version: E.DecisionWithdrawn.VERSION, data: { on: today, reason } });
}

export function takeDown(p: Publication, today: string): { events: NewEvent[]; state: Publication } {
  return recorded(p, { type: E.DecisionTakenDown.DETAIL_TYPE, version: E.DecisionTakenDown.VERSION, data: { on: today } });
}

/** A publication is the fold of its events (DESIGN §4); each step's new state is the fold of the event it records. */
export function evolvePublication(p: Publication | undefined, event: { type: string; data: unknown }): Publication {
  if (event.type === E.DecisionPublished.DETAIL_TYPE) return { ...dataOf(E.DecisionPublished, event), status: 'live' };
  if (p === undefined) throw new Error(`A publication stream must start with ${E.DecisionPublished.DETAIL_TYPE}, not ${event.type}`);
  if (event.type === E.DecisionWithdrawn.DETAIL_TYPE) {
    const { on, reason } = dataOf(E.DecisionWithdrawn, event);
    return { ...p, status: 'withdrawn', endedOn: on, reason };
  }
  if (event.type === E.DecisionTakenDown.DETAIL_TYPE) return { ...p, status: 'taken-down', endedOn: dataOf(E.DecisionTakenDown, event).on };
  return p;
}

const recorded = (p: Publication | undefined, event: NewEvent) => ({ events: [event], state: evolvePublication(p, event) });

/** What the public reads of a live decision. */
export const publicView = (p: Publication) => ({ ...p.notice, publishedOn: p.publishedOn, takedownOn: p.takedownOn });

/** Whether the public sees it today (the sweep's takedown may run a little after the day). */
export const isLive = (p: Publication, today: string) => p.status === 'live' && today < p.takedownOn;

/** The head's index: on the public list while live, and on the clock index for its takedown. */
export function publicationIndex(p: Publication): Record<string, string> {
  if (p.status !== 'live') return {};
  return layoutIndex({ publishedOn: p.publishedOn, takedownOn: p.takedownOn, caseId: p.notice.caseId, entity: p.notice.entity });
}
