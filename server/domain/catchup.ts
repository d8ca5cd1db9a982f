/** What a (re)connecting client needs, from what it says it has. */
export type CatchUpPlan = { kind: 'snapshot' } | { kind: 'delta'; fromSeq: number };

export function planCatchUp(client: { storeId?: string | null; seq?: number }, hub: { storeId: string; headSeq: number; limit: number }): CatchUpPlan {
  const seq = client.seq;
  if (client.storeId !== hub.storeId || seq === undefined || !Number.isInteger(seq) || seq < 0) return { kind: 'snapshot' };
  // A seq ahead of the hub means the store was replaced (restored backup): start over.
  if (seq > hub.headSeq) return { kind: 'snapshot' };
  if (hub.headSeq - seq > hub.limit) return { kind: 'snapshot' };
  return { kind: 'delta', fromSeq: seq };
}

/**
 * Heard from the hub's head beat: a screen that has still not applied up to the head it heard one beat ago lost an
 * event on the way (every event of that beat had the whole interval to arrive), or holds another store's seqs.
 * Comparing with the latest head instead would catch up on every beat of a busy city, events being in flight.
 */
export function missedSinceLastBeat(before: { storeId: string; seq: number } | null, now: { storeId: string }, have: { storeId: string | null; seq: number }): boolean {
  if (now.storeId !== have.storeId) return true;
  return before !== null && before.storeId === now.storeId && have.seq < before.seq;
}
