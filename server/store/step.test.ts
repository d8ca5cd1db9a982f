import { describe, expect, it } from 'vitest';
import { later, now, runLater, runNow, type Step } from './step.js';

/** A command's steps, as a command writes them: the same code over either kind of port. */
function* addTwo(get: (n: number) => Step<number>): Step<number> {
  const a = yield* get(1);
  try {
    return a + (yield* get(2));
  } catch (e) {
    return -(e as Error).message.length;
  }
}

describe('a step written once for both stores', () => {
  it('runs at once over ports that answer at once, and after each round trip over ports that wait', async () => {
    expect(runNow(addTwo((n) => now(n * 10)))).toBe(30);
    const asked: number[] = [];
    expect(await runLater(addTwo((n) => (asked.push(n), later(Promise.resolve(n * 10)))))).toBe(30);
    expect(asked).toEqual([1, 2]);
  });

  it('throws a round trip\'s error into the step at the call that waited, where the command can catch it', async () => {
    expect(await runLater(addTwo((n) => later(n === 2 ? Promise.reject(new Error('gone')) : Promise.resolve(n))))).toBe(-4);
    await expect(runLater(addTwo(() => later(Promise.reject(new Error('first')))))).rejects.toThrow('first');
  });

  it('refuses, in a synchronous transaction, a step that would wait', () => {
    expect(() => runNow(addTwo((n) => later(Promise.resolve(n))))).toThrow(/waited for a round trip inside a synchronous transaction/);
  });
});
