import type { ReportStatus } from '../../server/contract/reports.js';

export type RoomStep = 'check' | 'reject' | 'dispatch' | 'accept' | 'start' | 'proof' | 'verify' | 'return_proof';

export type RoomPace = {
  /** How long people take for each step after the previous one, in ms: [shortest, longest]. */
  waitMs: Record<'check' | 'dispatch' | 'accept' | 'start' | 'proof' | 'verify', readonly [number, number]>;
  /** Share of new reports an operator rejects, and of proofs returned for a better photo. */
  rejectShare: number;
  returnShare: number;
  /** Steps the whole room takes per round (a round every PANTAU_ROOM_INTERVAL_MS on average). */
  stepsPerRound: number;
};

/**
 * A believable room: red to green in about three to five minutes, so a newcomer watching the wall sees it happen,
 * and enough hands (up to 4 steps a round, a round every ~2 s) to keep up with the citizen simulator's intake
 * (about one report every 8 s, 7 steps each) and work off the seed's open reports within minutes.
 */
export const ROOM_PACE: RoomPace = {
  waitMs: { check: [15_000, 45_000], dispatch: [10_000, 30_000], accept: [15_000, 40_000], start: [15_000, 40_000], proof: [45_000, 120_000], verify: [15_000, 40_000] },
  rejectShare: 0.04,
  returnShare: 0.08,
  stepsPerRound: 4,
};

/**
 * The room's next step on a report, or null while people are still at it. `keyRoll` is a fixed number in [0, 1)
 * for the report's current state (its delay and whether it is rejected or returned are drawn once), `started`
 * says the field supervisor has started work on an in_progress job.
 */
export function nextStep(s: { status: ReportStatus; started: boolean; waitedMs: number; keyRoll: number; pace: RoomPace }): RoomStep | null {
  const due = (w: readonly [number, number]) => s.waitedMs >= w[0] + (w[1] - w[0]) * s.keyRoll;
  // A second roll from the same number: independent enough of the delay for a demo.
  const choice = (s.keyRoll * 7919) % 1;
  const w = s.pace.waitMs;
  switch (s.status) {
    case 'new':
      return due(w.check) ? (choice < s.pace.rejectShare ? 'reject' : 'check') : null;
    case 'checked':
      return due(w.dispatch) ? 'dispatch' : null;
    case 'dispatched':
      return due(w.accept) ? 'accept' : null;
    case 'in_progress':
      return s.started ? (due(w.proof) ? 'proof' : null) : due(w.start) ? 'start' : null;
    case 'proof_submitted':
      return due(w.verify) ? (choice < s.pace.returnShare ? 'return_proof' : 'verify') : null;
    default:
      return null;
  }
}

/** Oldest and newest in turn: new reports move at once while the seed's backlog is worked off too. */
export function bothEnds<T>(xs: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0, j = xs.length - 1; i <= j; i++, j--) {
    out.push(xs[j]);
    if (i !== j) out.push(xs[i]);
  }
  return out;
}

export type OpenReport = { id: number; version: number; status: ReportStatus; createdAt: string };

/**
 * One round of the room: which reports get which step now. `seen` remembers when the room first saw each report
 * in its current state (id:version) and forgets states that are gone; `started` holds the in_progress jobs whose
 * work has started.
 */
export function planRound<R extends OpenReport>(open: readonly R[], now: number, seen: Map<string, number>, started: ReadonlySet<number>, pace: RoomPace = ROOM_PACE): { report: R; step: RoomStep }[] {
  const keys = new Set(open.map((r) => `${r.id}:${r.version}`));
  for (const k of seen.keys()) if (!keys.has(k)) seen.delete(k);
  const out: { report: R; step: RoomStep }[] = [];
  for (const r of bothEnds([...open].sort((a, b) => a.createdAt.localeCompare(b.createdAt)))) {
    if (out.length >= pace.stepsPerRound) break;
    const key = `${r.id}:${r.version}`;
    if (!seen.has(key)) seen.set(key, now);
    const step = nextStep({ status: r.status, started: started.has(r.id), waitedMs: now - seen.get(key)!, keyRoll: keyRoll(key), pace });
    if (step) out.push({ report: r, step });
  }
  return out;
}

/** A fixed number in [0, 1) per report state, so its delay is drawn once and not re-rolled every round. */
export function keyRoll(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}
