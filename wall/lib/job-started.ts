/**
 * Whether a field job's work has started in this round (since its latest dispatch), as the phone shows it.
 * The hub knows (`startedAt`, from the job's `report.started` event), so a reload, another phone or a cleared
 * browser agrees with it; a start still waiting in this phone's outbox, or one it sent, counts too before the
 * hub's list catches up. A start from before a re-dispatch belongs to an earlier round and does not count.
 */
export function jobStarted(
  job: { startedAt: string | null; dispatchedAt: string | null },
  phone: { startWaiting: boolean; startSentAt: readonly number[] },
): boolean {
  const since = job.dispatchedAt ? Date.parse(job.dispatchedAt) : 0;
  if (job.startedAt && Date.parse(job.startedAt) >= since) return true;
  return phone.startWaiting || phone.startSentAt.some((t) => t >= since);
}
