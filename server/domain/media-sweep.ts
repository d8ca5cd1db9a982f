/**
 * How old a photo file no committed report refers to must be before the start-up sweep removes it. A hub writes a
 * report's photos before it commits the report, so on a store and media folder shared by several hubs, a file no
 * row names yet may be another hub's report a moment from its commit; one a quarter of an hour old is a hub killed
 * between writing and committing. (A hub's own refused submissions remove their files at once: media/files.ts.)
 */
export const SWEEP_GRACE_MS = 15 * 60_000;

/** Whether the sweep may remove a photo file: no committed row refers to it, and it is older than the grace. */
export function maySweep(file: { referenced: boolean; modifiedAtMs: number }, nowMs: number): boolean {
  return !file.referenced && nowMs - file.modifiedAtMs > SWEEP_GRACE_MS;
}
