import { ForbiddenError, StateConflictError } from '#shared/errors';

/**
 * The penalty case lifecycle (行政处罚, DESIGN §6): which command may be given in which state, by which role, and
 * where it leads. Pure: the clocks, the legal review rule and the records are applied around it.
 */
export const CASE_STATES = [
  'clue',
  'registered',
  'investigating',
  'notified',
  'hearing',
  'legal-review',
  'decided',
  'court-enforcement',
  'executed',
  'closed',
  'not-registered',
  'terminated',
  'transferred',
  'revoked',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/**
 * No step leads out of these (a transferred case still records the receiving organ's receipt). A closed case is not
 * among them: its decision can still be revoked (撤销).
 */
export const FINAL_STATES: readonly CaseState[] = ['not-registered', 'terminated', 'transferred', 'revoked'];

export const CASE_ROLES = ['case-officer', 'supervisor', 'legal-reviewer', 'inspector'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];
export const isCaseRole = (role: string): role is CaseRole => (CASE_ROLES as readonly string[]).includes(role);

export const CASE_COMMANDS = [
  'register',
  'decline',
  'investigate',
  'notify',
  'record-statement',
  'request-hearing',
  'hold-hearing',
  'submit-for-review',
  'review',
  'extend',
  'decide',
  'serve',
  'record-payment',
  'close',
  'terminate',
  'transfer',
  'start-appraisal',
  'end-appraisal',
  'revoke',
  'flag-complex',
  'take-measure',
  'preserve-evidence',
  'approve-measure',
  'extend-measure',
  'release-measure',
  'approve-instalments',
  'remind-payment',
  'record-appeal',
  'apply-court-enforcement',
  'record-receipt',
] as const;
export type CaseCommand = (typeof CASE_COMMANDS)[number];

interface Step {
  from: readonly CaseState[];
  /** undefined: the state does not change (the step is recorded on the timeline). */
  to?: CaseState;
  roles: readonly CaseRole[];
  /** The rule the step follows, for the timeline and the error messages. */
  basis: string;
}

const OPEN: readonly CaseState[] = ['registered', 'investigating', 'notified', 'hearing', 'legal-review'];

/** States whose decision clock runs (registered, before the decision). */
export const OPEN_STATES = OPEN;
/** Where a measure may be taken: on a clue (on the spot) or an open case. */
const INVESTIGATION: readonly CaseState[] = ['clue', ...OPEN];
/** Where a measure taken earlier is approved, extended or released: until the case ends. */
const HOLDING: readonly CaseState[] = [...INVESTIGATION, 'decided', 'court-enforcement', 'executed', 'closed'];
/** A decided fine not yet paid in full. */
const UNPAID: readonly CaseState[] = ['decided', 'court-enforcement'];

export const STEPS: Readonly<Record<CaseCommand, Step>> = {
  register: { from: ['clue'], to: 'registered', roles: ['supervisor'], basis: '行政处罚法 §54 (立案, approved by the person in charge)' },
  decline: { from: ['clue'], to: 'not-registered', roles: ['supervisor'], basis: '行政处罚法 §54' },
  investigate: { from: ['registered'], to: 'investigating', roles: ['case-officer'], basis: '行政处罚法 §54–§56' },
  notify: { from: ['investigating'], to: 'notified', roles: ['case-officer'], basis: '行政处罚法 §44 (告知)' },
  'record-statement': { from: ['notified', 'hearing'], roles: ['case-officer'], basis: '行政处罚法 §45 (陈述、申辩)' },
  'request-hearing': { from: ['notified'], to: 'hearing', roles: ['case-officer'], basis: '行政处罚法 §63–§64 (within 5 working days)' },
  'hold-hearing': { from: ['hearing'], roles: ['case-officer'], basis: '行政处罚法 §64–§65' },
  'submit-for-review': { from: ['notified', 'hearing'], to: 'legal-review', roles: ['case-officer'], basis: '行政处罚法 §58 (法制审核)' },
  review: { from: ['legal-review'], roles: ['legal-reviewer'], basis: '行政处罚法 §58' },
  extend: { from: OPEN, roles: ['supervisor'], basis: '行政处罚法 §60 (once, 30 days)' },
  decide: { from: ['notified', 'hearing', 'legal-review'], to: 'decided', roles: ['supervisor'], basis: '行政处罚法 §57, §58, §60' },
  serve: { from: ['decided'], roles: ['case-officer'], basis: '行政处罚法 §61 (送达)' },
  'record-payment': {
    from: UNPAID,
    to: 'executed',
    roles: ['case-officer'],
    basis: '行政处罚法 §67, §72 (15 days after service; executed once fine and surcharge are paid)',
  },
  close: { from: ['executed'], to: 'closed', roles: ['supervisor'], basis: '结案' },
  terminate: { from: ['clue', ...OPEN], to: 'terminated', roles: ['supervisor'], basis: '终止调查' },
  transfer: { from: ['clue', ...OPEN], to: 'transferred', roles: ['supervisor'], basis: '行政处罚法 §27 (移送司法)' },
  'start-appraisal': { from: OPEN, roles: ['case-officer'], basis: '行政处罚法 §60 (检测、检验、检疫、鉴定: time not counted)' },
  'end-appraisal': { from: OPEN, roles: ['case-officer'], basis: '行政处罚法 §60' },
  'flag-complex': { from: OPEN, roles: ['supervisor'], basis: '行政处罚法 §58 (案情复杂: legal review required)' },
  revoke: {
    from: ['decided', 'court-enforcement', 'executed', 'closed'],
    to: 'revoked',
    roles: ['supervisor'],
    basis: '行政处罚法 §75 (自行纠正; 撤销)',
  },
  'take-measure': { from: INVESTIGATION, roles: ['case-officer'], basis: '行政强制法 §18–§19, §22–§24 (查封、扣押)' },
  'preserve-evidence': { from: INVESTIGATION, roles: ['case-officer'], basis: '行政处罚法 §56 (先行登记保存)' },
  'approve-measure': { from: HOLDING, roles: ['supervisor'], basis: '行政强制法 §18–§19 (负责人批准; emergency: within 24 hours)' },
  'extend-measure': { from: HOLDING, roles: ['supervisor'], basis: '行政强制法 §25 (once, at most 30 days)' },
  'release-measure': { from: HOLDING, roles: ['case-officer', 'supervisor'], basis: '行政强制法 §27–§28; 行政处罚法 §56' },
  'approve-instalments': { from: ['decided'], roles: ['supervisor'], basis: '行政处罚法 §66 (延期、分期缴纳)' },
  'remind-payment': { from: ['decided'], roles: ['case-officer'], basis: '行政强制法 §35, §54 (催告)' },
  'record-appeal': { from: UNPAID, roles: ['case-officer'], basis: '行政复议法 §20; 行政诉讼法 §46; 行政强制法 §53' },
  'apply-court-enforcement': {
    from: ['decided'],
    to: 'court-enforcement',
    roles: ['supervisor'],
    basis: '行政处罚法 §72; 行政强制法 §53–§55 (申请人民法院强制执行)',
  },
  'record-receipt': {
    from: ['transferred'],
    roles: ['case-officer', 'supervisor'],
    basis: '行刑衔接 (受案回执 of the public security organ)',
  },
};

/** The commands a role may give in a state, in the order of the lifecycle. */
export function allowedCommands(state: CaseState, role?: CaseRole): CaseCommand[] {
  return CASE_COMMANDS.filter((c) => STEPS[c].from.includes(state) && (role === undefined || STEPS[c].roles.includes(role)));
}

/** 409, with the steps allowed from the current state. */
export class IllegalTransitionError extends StateConflictError {
  constructor(
    readonly state: CaseState,
    readonly command: CaseCommand,
    readonly allowed: CaseCommand[],
  ) {
    super(
      `A case that is ${state} cannot take '${command}'; from ${state} the steps are: ${allowed.length > 0 ? allowed.join(', ') : 'none (final)'}.`,
      {
        state,
        allowed,
      },
    );
  }
}

/** 403. */
export class RoleNotAllowedError extends ForbiddenError {
  constructor(
    readonly command: CaseCommand,
    readonly roles: readonly CaseRole[],
  ) {
    super(`'${command}' is given by ${roles.join(' or ')}.`);
  }
}

/** The state after a command, or the reason it may not be given (409 for the state, 403 for the role). */
export function transition(state: CaseState, command: CaseCommand, roles: readonly CaseRole[]): CaseState {
  const step = STEPS[command];
  if (!step.from.includes(state)) throw new IllegalTransitionError(state, command, allowedCommands(state));
  if (!step.roles.some((r) => roles.includes(r))) throw new RoleNotAllowedError(command, step.roles);
  return step.to ?? state;
}
