import { untilDone } from '#shared/retry';

describe('untilDone, the one retry loop', () => {
  it('tries again with what is left until nothing is', async () => {
    const seen: number[][] = [];
    const left = await untilDone(
      [1, 2, 3, 4],
      async (pending) => {
        seen.push([...pending]);
        return pending.slice(1); // one item processed per try, as a throttled batch call might
      },
      { attempts: 10, firstPauseMs: 1 },
    );
    expect(left).toEqual([]);
    expect(seen).toEqual([[1, 2, 3, 4], [2, 3, 4], [3, 4], [4]]);
  });

  it('gives up after the attempts and answers what is left', async () => {
    let tries = 0;
    const left = await untilDone(
      ['a', 'b'],
      async (pending) => {
        tries += 1;
        return pending;
      },
      { attempts: 3, firstPauseMs: 1 },
    );
    expect(tries).toBe(3);
    expect(left).toEqual(['a', 'b']);
  });

  it('does not call the step for nothing, and lets an error through', async () => {
    const step = jest.fn(async () => []);
    expect(await untilDone([], step, { attempts: 3, firstPauseMs: 1 })).toEqual([]);
    expect(step).not.toHaveBeenCalled();
    await expect(untilDone([1], async () => Promise.reject(new Error('boom')), { attempts: 3, firstPauseMs: 1 })).rejects.toThrow('boom');
  });

  it('pauses longer each time, doubling from the first pause', async () => {
    const at: number[] = [];
    await untilDone(
      [1],
      async (pending) => {
        at.push(performance.now());
        return at.length < 4 ? pending : [];
      },
      { attempts: 4, firstPauseMs: 20 },
    );
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    // Timers never fire early (they may fire late on a loaded machine): each gap is at least its pause.
    expect(gaps[0]).toBeGreaterThanOrEqual(19);
    expect(gaps[1]).toBeGreaterThanOrEqual(39);
    expect(gaps[2]).toBeGreaterThanOrEqual(79);
  });
});
