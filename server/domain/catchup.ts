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
