/**
 * The local runtime's clock, which a trial can move forward (POST /_local/clock {"advanceDays": n}): to see a
 * deadline pass, a publication end or a repair become possible without waiting months. Everything in the runtime's
 * process reads the moved clock (`Date.now()`, `new Date()`), the functions, the bus and the token issuer alike, so
 * the platform behaves as it would on that day. Only forward, and only here: AWS has no such route (infra test).
 */
const RealDate = Date;
let offsetMs = 0;

class ShiftedDate extends RealDate {
  constructor(...args: ConstructorParameters<typeof Date> | []) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...(args as ConstructorParameters<typeof Date>));
  }

  static override now(): number {
    return RealDate.now() + offsetMs;
  }
}

/** Moves the clock forward by `days` (whole days, 1 to 3,650); answers the new time. */
export function advanceClock(days: number): { now: string; offsetDays: number } {
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new RangeError('advanceDays is a whole number of days from 1 to 3650');
  if (globalThis.Date !== ShiftedDate) globalThis.Date = ShiftedDate as DateConstructor;
  offsetMs += days * 86_400_000;
  return clockNow();
}

export function clockNow(): { now: string; offsetDays: number } {
  return { now: new RealDate(RealDate.now() + offsetMs).toISOString(), offsetDays: offsetMs / 86_400_000 };
}
