import type { Ports } from '../ports.js';
import type { Tx } from '../event-log.js';
import type { PgProjector } from './projector.js';
import { pgReportWrites } from './report-writes.js';
import { pgCameraWrites } from './camera-writes.js';
import { pgAccountWrites } from './account-writes.js';
import { pgRoomWrites } from './room-writes.js';
import { pgRunWrites } from './run-writes.js';
import { pgReads } from './reads.js';

/** PostgreSQL's ports for one transaction. `probesSincePrune`: the hub's, kept across transactions (pg/camera-writes.ts). */
export function pgPorts(tx: Tx, projector: PgProjector, probesSincePrune: Map<string, number>): Ports {
  return { reports: pgReportWrites(tx, projector), cameras: pgCameraWrites(tx, projector, probesSincePrune), accounts: pgAccountWrites(tx, projector), room: pgRoomWrites(tx, projector), runs: pgRunWrites(tx), reads: pgReads(tx) };
}
