import { early, serverNow } from './api.ts';
import type { FieldSchema } from './schema-form.tsx';
import type { Session } from './session.ts';

/** A case step as the build derives it from the lifecycle table and the command bodies (case-steps.json). */
export interface StepSpec {
  from: string[];
  to?: string;
  roles: string[];
  basis: string;
  body: FieldSchema;
}
export interface CaseSteps {
  states: string[];
  finalStates: string[];
  steps: Record<string, StepSpec>;
}

let loading: Promise<CaseSteps> | undefined;
/** Loaded once, on the first page that needs it. */
export function caseSteps(): Promise<CaseSteps> {
  loading ??= (early('case-steps.json') ?? fetch('case-steps.json')).then((r) => {
    if (!r.ok) throw new Error(String(r.status));
    return r.json() as Promise<CaseSteps>;
  });
  return loading;
}

/** A deadline as the case view gives it. */
export interface Deadline {
  name: string;
  due: string;
  provisional: boolean;
  running: boolean;
}
export interface CaseView {
  caseId: string;
  agency: string;
  status: string;
  entity: string;
  party: { kind: string; name: string };
  source: { kind: string; ref: string };
  summary: string;
  clueOn: string;
  deadlines: Deadline[];
  allowed: string[];
  measures?: {
    measureId: string;
    kind: string;
    state: string;
    emergency: boolean;
    due?: string;
    daysLeft?: number;
    approvalDueAt?: string;
    items?: { name: string }[];
  }[];
  [member: string]: unknown;
}

/** Steps that leave the lifecycle's main path: offered on the case page, never put on anyone's list. */
const EXITS = new Set(['decline', 'terminate', 'transfer', 'revoke', 'request-hearing']);
/** Steps that do not change the state but are what the case waits for. */
const AWAITED = new Set(['review', 'serve', 'approve-measure']);

export const mayGive = (spec: StepSpec | undefined, session: Session) => spec?.roles.some((r) => session.roles.includes(r)) === true;

/** The steps of the case's main path this person may give now, in the lifecycle's order: what the case waits for from them. */
export function awaitedFrom(view: CaseView, steps: CaseSteps, session: Session): string[] {
  return view.allowed.filter((s) => {
    const spec = steps.steps[s];
    return mayGive(spec, session) && !EXITS.has(s) && (spec?.to !== undefined || AWAITED.has(s));
  });
}

/** A clue is the case officers' to prepare until the supervisor registers it (立案期限 runs meanwhile). */
export const preparing = (view: CaseView, session: Session) => view.status === 'clue' && session.roles.includes('case-officer');

/** The earliest deadline that still runs, if any. */
export const nextDeadline = (view: CaseView): Deadline | undefined =>
  view.deadlines.filter((d) => d.running).sort((a, b) => a.due.localeCompare(b.due))[0];

/** Days from `today` to `due` (negative once past), on the calendar. */
export const daysUntil = (due: string, today: string) => Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);

/** Today in Beijing, as the API's dates are. */
export const chinaToday = () => new Date(serverNow() + 8 * 3_600_000).toISOString().slice(0, 10);
