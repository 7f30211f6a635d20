import fc from 'fast-check';
import {
  allowedCommands,
  CASE_COMMANDS,
  type CaseCommand,
  type CaseRole,
  type CaseState,
  FINAL_STATES,
  IllegalTransitionError,
  RoleNotAllowedError,
  transition,
} from '#cases/domain/lifecycle';

/**
 * The lifecycle of DESIGN §6 written out a second time, as plain edges, for the model: the implementation's step
 * table and this list must agree on every random sequence of commands.
 */
const EDGES = `
clue register registered supervisor
clue decline not-registered supervisor
registered investigate investigating case-officer
investigating notify notified case-officer
notified record-statement notified case-officer
hearing record-statement hearing case-officer
notified request-hearing hearing case-officer
hearing hold-hearing hearing case-officer
notified submit-for-review legal-review case-officer
hearing submit-for-review legal-review case-officer
legal-review review legal-review legal-reviewer
notified decide decided supervisor
hearing decide decided supervisor
legal-review decide decided supervisor
decided serve decided case-officer
decided record-payment executed case-officer
court-enforcement record-payment executed case-officer
executed close closed supervisor
decided approve-instalments decided supervisor
decided remind-payment decided case-officer
decided record-appeal decided case-officer
court-enforcement record-appeal court-enforcement case-officer
decided apply-court-enforcement court-enforcement supervisor
transferred record-receipt transferred case-officer
transferred record-receipt transferred supervisor
`
  .trim()
  .split('\n')
  .map((line) => line.split(' ') as [CaseState, CaseCommand, CaseState, CaseRole]);
const OPEN: CaseState[] = ['registered', 'investigating', 'notified', 'hearing', 'legal-review'];
for (const state of OPEN) {
  EDGES.push(
    [state, 'extend', state, 'supervisor'],
    [state, 'start-appraisal', state, 'case-officer'],
    [state, 'end-appraisal', state, 'case-officer'],
    [state, 'flag-complex', state, 'supervisor'],
  );
}
for (const state of ['decided', 'court-enforcement', 'executed', 'closed'] as CaseState[]) {
  EDGES.push([state, 'revoke', 'revoked', 'supervisor']);
}
for (const state of ['clue', ...OPEN] as CaseState[]) {
  EDGES.push(
    [state, 'terminate', 'terminated', 'supervisor'],
    [state, 'transfer', 'transferred', 'supervisor'],
    // Coercive measures and evidence preservation are taken on a clue (on the spot) or an open case.
    [state, 'take-measure', state, 'case-officer'],
    [state, 'preserve-evidence', state, 'case-officer'],
  );
}
// A measure is approved, extended or released until the case ends (行政强制法 §18–§28).
for (const state of ['clue', ...OPEN, 'decided', 'court-enforcement', 'executed', 'closed'] as CaseState[]) {
  EDGES.push(
    [state, 'approve-measure', state, 'supervisor'],
    [state, 'extend-measure', state, 'supervisor'],
    [state, 'release-measure', state, 'case-officer'],
    [state, 'release-measure', state, 'supervisor'],
  );
}

const ROLES: CaseRole[] = ['case-officer', 'supervisor', 'legal-reviewer', 'inspector'];
const modelNext = (state: CaseState, command: CaseCommand, role: CaseRole) => {
  const edges = EDGES.filter(([from, c]) => from === state && c === command);
  if (edges.length === 0) return { error: 'state' as const };
  const edge = edges.find((e) => e[3] === role);
  return edge ? { to: edge[2] } : { error: 'role' as const };
};

/**
 * One step of a random walk: mostly a step the model allows (picked from its edges, by a role it names), sometimes
 * any command by any role, which the implementation must refuse exactly when the model does.
 */
class Give implements fc.Command<{ state: CaseState }, { state: CaseState }> {
  constructor(
    readonly pick: number,
    readonly wild: { command: CaseCommand; role: CaseRole } | undefined,
  ) {}
  check = () => true;
  run(model: { state: CaseState }, real: { state: CaseState }): void {
    const edges = EDGES.filter(([from]) => from === model.state);
    const edge = edges[this.pick % Math.max(1, edges.length)];
    const { command, role } =
      this.wild ?? (edge ? { command: edge[1], role: edge[3] } : { command: 'register' as CaseCommand, role: 'supervisor' as CaseRole });
    const expected = modelNext(model.state, command, role);
    let outcome: { to: CaseState } | { error: 'state' | 'role' };
    try {
      outcome = { to: transition(real.state, command, [role]) };
    } catch (error) {
      if (error instanceof IllegalTransitionError) {
        expect(error.allowed).toEqual(
          [...new Set(EDGES.filter(([from]) => from === real.state).map(([, c]) => c))].sort(
            (a, b) => CASE_COMMANDS.indexOf(a) - CASE_COMMANDS.indexOf(b),
          ),
        );
        outcome = { error: 'state' };
      } else if (error instanceof RoleNotAllowedError) outcome = { error: 'role' };
      else throw error;
    }
    expect(outcome).toEqual(expected);
    if ('to' in outcome) {
      real.state = outcome.to;
      model.state = outcome.to;
    }
  }
  toString = () => (this.wild ? `${this.wild.role}: ${this.wild.command}` : `allowed #${this.pick}`);
}

describe('the penalty case lifecycle', () => {
  it('agrees with the model on random sequences of commands by random roles', () => {
    const wild = fc.record({ command: fc.constantFrom(...CASE_COMMANDS), role: fc.constantFrom(...ROLES) });
    const give = fc.tuple(fc.nat(20), fc.option(wild, { freq: 3, nil: undefined })).map(([pick, w]) => new Give(pick, w));
    fc.assert(
      fc.property(fc.commands([give], { maxCommands: 60 }), (commands) => {
        fc.modelRun(() => ({ model: { state: 'clue' as CaseState }, real: { state: 'clue' as CaseState } }), commands);
      }),
      { numRuns: 300 },
    );
  });

  it('takes no command that leads out of a final state (a transfer still records the organ’s receipt)', () => {
    for (const state of FINAL_STATES) {
      for (const command of allowedCommands(state)) expect(transition(state, command, [...ROLES])).toBe(state);
    }
    expect(allowedCommands('transferred')).toEqual(['record-receipt']);
    expect(allowedCommands('revoked')).toEqual([]);
  });

  it('answers an illegal step with the steps allowed from the current state', () => {
    expect(() => transition('clue', 'decide', ['supervisor'])).toThrow(
      "A case that is clue cannot take 'decide'; from clue the steps are: register, decline, terminate, transfer, take-measure, preserve-evidence, approve-measure, extend-measure, release-measure.",
    );
  });

  it('refuses a role that may not give the command', () => {
    expect(() => transition('clue', 'register', ['case-officer'])).toThrow(RoleNotAllowedError);
  });

  it('reaches closed through the whole lifecycle with the right roles', () => {
    let state: CaseState = 'clue';
    const path: [CaseCommand, CaseRole][] = [
      ['register', 'supervisor'],
      ['investigate', 'case-officer'],
      ['notify', 'case-officer'],
      ['request-hearing', 'case-officer'],
      ['hold-hearing', 'case-officer'],
      ['submit-for-review', 'case-officer'],
      ['review', 'legal-reviewer'],
      ['decide', 'supervisor'],
      ['serve', 'case-officer'],
      ['record-payment', 'case-officer'],
      ['close', 'supervisor'],
    ];
    for (const [command, role] of path) state = transition(state, command, [role]);
    expect(state).toBe('closed');
  });
});
