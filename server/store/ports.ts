import type { ReportWrites } from './report-writes.js';
import type { CameraWrites } from './camera-writes.js';
import type { AccountWrites } from './account-writes.js';
import type { RoomWrites } from './room-writes.js';
import type { RunWrites } from './run-writes.js';
import type { Reads } from './reads.js';
import type { Step } from './step.js';

/**
 * Everything a command's step (server/store/step.ts) may read and write inside its transaction, on either store:
 * SQLite's (Store.ports, answering at once) or PostgreSQL's (pg/ports.ts, one set per transaction).
 */
export type Ports = { reports: ReportWrites; cameras: CameraWrites; accounts: AccountWrites; room: RoomWrites; runs: RunWrites; reads: Reads };

/**
 * Where a step runs: a command's in one transaction, or one shared with the other grouped commands of this turn (one
 * flush for all); a query's in one read transaction (its reads agree with one another). SQLite's Store and
 * PostgreSQL's runner (pg/command.ts pgStepStore) both are one.
 */
export interface StepStore {
  /** Identifies the database: a client holding seqs from another store must take a fresh snapshot. */
  readonly storeId: string;
  /**
   * Runs a step that writes no event (the hub's runs, presence, flood-limit counters), in one transaction that does not
   * hold the log; SQLite groups it with the turn's others and does not wait for its own flush.
   */
  write<T>(make: (p: Ports) => Step<T>): Promise<T>;
  /** Runs a step that only reads, in one read transaction. */
  query<T>(make: (p: Ports) => Step<T>): Promise<T>;
  command<T>(make: (p: Ports) => Step<T>): Promise<T>;
  /** `after` runs once it has committed, in write order, before the promise settles. durable: see Store.txGrouped. */
  commandGrouped<T>(make: (p: Ports) => Step<T>, after?: (value: T) => void, durable?: boolean): Promise<T>;
}
