import type { ReportStatus } from './reports.js';

// No zod here (type-only import): the phone pages import these values without pulling the schema library.

/** The marker colour the wall shows: red new, yellow being handled, green done, grey void. */
export type Phase = 'red' | 'yellow' | 'green' | 'grey';
export const PHASE_OF: Record<ReportStatus, Phase> = {
  new: 'red',
  checked: 'red',
  dispatched: 'yellow',
  in_progress: 'yellow',
  proof_submitted: 'yellow',
  verified: 'green',
  closed: 'green',
  rejected: 'grey',
  merged: 'grey',
  forwarded: 'grey',
};

/** Photos per report or proof. */
export const MAX_PHOTOS = 5;
