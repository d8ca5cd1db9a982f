import type { Phase, ReportStatus } from '../../server/contract/reports';

/**
 * The phone pages' copy of the contract's PHASE_OF and MAX_PHOTOS: importing the values from
 * server/contract/reports would pull zod (~24 kB gzipped) into pages meant for weak networks.
 * The Record type makes the compiler catch a status added to the contract and missing here.
 */
export const PHASE: Record<ReportStatus, Phase> = {
  new: 'red',
  checked: 'red',
  dispatched: 'yellow',
  in_progress: 'yellow',
  proof_submitted: 'yellow',
  verified: 'green',
  closed: 'green',
  rejected: 'grey',
  merged: 'grey',
};

/** Photos per report or proof, as the hub accepts (contract MAX_PHOTOS). */
export const MAX_PHOTOS = 5;
