import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptySpotlight, spotlightArrive, spotlightDueAt, spotlightTick, SPOTLIGHT_POLICY as P, type SpotlightState } from './spotlight-policy';

type Shown = { batch: number[]; at: number; folded: number };

/** Runs arrivals (ms offsets, ascending) through the policy as the wall does: a timer at each due time. */
function run(arrivals: number[], p = P) {
  let s: SpotlightState<number> = emptySpotlight();
  const screens: Shown[] = [];
  const note = (next: SpotlightState<number>) => {
    if (next.shown !== s.shown && next.shown.length) screens.push({ batch: [...next.shown], at: next.shownAt, folded: next.shownFolded });
    s = next;
  };
  const flushUntil = (t: number) => {
    for (let due = spotlightDueAt(s, p); due !== null && due <= t; due = spotlightDueAt(s, p)) note(spotlightTick(s, due, p));
  };
  arrivals.forEach((at, i) => {
    flushUntil(at);
    note(spotlightArrive(s, i, at, p));
  });
  flushUntil(Number.MAX_SAFE_INTEGER);
  return { screens, final: s };
}

describe('the spotlight policy', () => {
  it('shows a lone report at once, for showMs, then frees the panel', () => {
    let s = spotlightArrive(emptySpotlight<string>(), 'a', 1_000, P);
    expect(s.shown).toEqual(['a']);
    expect(spotlightDueAt(s, P)).toBe(1_000 + P.showMs);
    s = spotlightTick(s, 1_000 + P.showMs - 1, P);
    expect(s.shown).toEqual(['a']);
    s = spotlightTick(s, 1_000 + P.showMs, P);
    expect(s.shown).toEqual([]);
    expect(spotlightDueAt(s, P)).toBeNull();
  });

  it("at the demo's intake (one every 4 s) every report reaches the screen within one batch's time, and the wait clears", () => {
    const arrivals = Array.from({ length: 150 }, (_, i) => i * 4_000); // ten minutes
    const { screens, final } = run(arrivals);
    const shownAt = new Map<number, number>();
    for (const sc of screens) for (const id of sc.batch) shownAt.set(id, sc.at);
    expect(shownAt.size).toBe(arrivals.length);
    for (const [id, at] of shownAt) expect(at - arrivals[id]!).toBeLessThanOrEqual(P.minMs);
    // Two arrive per batch: they are shown together, and nothing piles up.
    expect(Math.max(...screens.map((sc) => sc.batch.length))).toBeLessThanOrEqual(2);
    expect(final.pending).toHaveLength(0);
  });

  it('a flood-morning burst is shown in strips of maxTiles, oldest first, each kept minMs', () => {
    const { screens } = run(Array.from({ length: 10 }, (_, i) => i * 10));
    expect(screens.map((sc) => sc.batch)).toEqual([[0], [1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    expect(screens[2]!.at - screens[1]!.at).toBe(P.minMs);
  });

  it('beyond maxPending waiting, the oldest are counted and the next strip says how many, never silently', () => {
    const p = { ...P, maxPending: 5 };
    const { screens } = run(Array.from({ length: 12 }, (_, i) => i), p);
    // 0 on screen at once; 1..11 wait, only the newest five (7..11) kept: six folded into a count.
    expect(screens[0]!.batch).toEqual([0]);
    expect(screens[1]).toEqual({ batch: [7, 8, 9, 10], at: p.minMs, folded: 6 });
    expect(screens[2]!.folded).toBe(0);
  });

  it('for any arrivals: every report is on screen or counted exactly once, strips stay within maxTiles, and a strip with others waiting stays minMs', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30_000 }), { maxLength: 120 }), (gaps) => {
        let t = 0;
        const arrivals = gaps.map((g) => (t += g));
        const { screens, final } = run(arrivals);
        const seen = screens.flatMap((sc) => sc.batch);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length + screens.reduce((n, sc) => n + sc.folded, 0)).toBe(arrivals.length);
        for (const sc of screens) expect(sc.batch.length).toBeLessThanOrEqual(P.maxTiles);
        for (let i = 1; i < screens.length; i++) expect(screens[i]!.at - screens[i - 1]!.at).toBeGreaterThanOrEqual(P.minMs);
        expect(final.pending).toHaveLength(0);
      }),
    );
  });
});
