import { randomUUID } from 'node:crypto';
import { openDb, type Db, type Synchronous } from './db.js';
import { GroupCommit } from './group-commit.js';
import { migrate } from './migrate.js';
import { EventLog } from './events.js';
import { ReportsTable } from './reports.js';
import { TicketCounters } from './tickets.js';
import { MediaTable } from './media.js';
import { DisplaysTable } from './displays.js';
import { AccountsTable } from './accounts.js';
import { ClientCommandsTable } from './client-commands.js';
import { CamerasTable } from './cameras.js';
import { StatsQueries } from './stats.js';
import { ApiClientsTable } from './api-clients.js';
import { Open311Queries } from './open311.js';
import { IndicatorValuesTable } from './indicators.js';
import { DisplayLayoutsTable, HubRunsTable } from './display-layouts.js';
import { DisplayConnectionsTable } from './display-connections.js';
import { Projector } from './projector.js';
import type { Projection } from './projections/types.js';
import { reportsProjection } from './projections/reports.js';
import { camerasProjection } from './projections/cameras.js';
import { indicatorsProjection } from './projections/indicators.js';
import { layoutsProjection } from './projections/layouts.js';
import { accountsProjection } from './projections/accounts.js';
import { apiClientsProjection } from './projections/api-clients.js';
import { ReplayCheckpointsTable } from './replay-checkpoints.js';
import { replayCheckpointsProjection } from './projections/replay-checkpoints.js';
import { OutboxTable } from './outbox.js';
import { LeasesTable } from './leases.js';
import { RateLimitHits } from './rate-limit-hits.js';
import { RollupsTable } from './rollups.js';
import { rollupsProjection } from './projections/rollups.js';
import { rollupsOf } from '../domain/rollups.js';
import { OpenCountsTable } from './open-counts.js';
import { openCountsProjection } from './projections/open-counts.js';
import { openCountsOf } from '../domain/open-reports.js';
import { cityClock, CITY_ZONES, type CityClock } from '../domain/time.js';
import type { StepStore, Ports } from './ports.js';
import { sqliteReportWrites } from './report-writes.js';
import { sqliteCameraWrites } from './camera-writes.js';
import { sqliteAccountWrites } from './account-writes.js';
import { sqliteRoomWrites } from './room-writes.js';
import { sqliteRunWrites } from './run-writes.js';
import { sqliteReads } from './reads.js';
import { runNow, type Step } from './step.js';

type ProjectedTables = Pick<Store, 'replayCheckpoints' | 'reports' | 'rollups' | 'openCounts' | 'cameras' | 'indicators' | 'layouts' | 'accounts' | 'apiClients'>;

/** Every projection over a store's tables, in the order the projector applies them: the one list of them. */
function projectionsOf(db: Db, t: ProjectedTables, clock: CityClock): Projection[] {
  return [
    // Before reports: a day closes on the reports as they stood before the first event of the next day.
    replayCheckpointsProjection(t.replayCheckpoints, t.reports, clock),
    reportsProjection(db, t.reports),
    // After reports: it reads the report before and after the event from what that one made of it.
    rollupsProjection(t.rollups, clock),
    openCountsProjection(t.openCounts, clock),
    camerasProjection(db, t.cameras),
    indicatorsProjection(db, t.indicators),
    layoutsProjection(db, t.layouts),
    accountsProjection(db, t.accounts),
    apiClientsProjection(db, t.apiClients),
  ];
}

/**
 * The projections of a store file opened read only (openDbReadOnly), to read their rows: npm run migrate:pg compares
 * them with PostgreSQL's. Nothing is migrated or written; a file older than this build's schema is refused.
 */
export function readOnlyProjections(db: Db, clock: CityClock): Projection[] {
  try {
    return projectionsOf(db, {
      replayCheckpoints: new ReplayCheckpointsTable(db), reports: new ReportsTable(db), rollups: new RollupsTable(db), openCounts: new OpenCountsTable(db),
      cameras: new CamerasTable(db), indicators: new IndicatorValuesTable(db), layouts: new DisplayLayoutsTable(db), accounts: new AccountsTable(db),
      apiClients: new ApiClientsTable(db),
    }, clock);
  } catch (e) {
    throw new Error(`this SQLite store is older than this build (${(e as Error).message}): start the hub on it once, which migrates it`, { cause: e });
  }
}

/** A synchronous piece of work as a promise: its value, or its throw as the rejection (never a throw at the call). */
function settled<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Everything the hub persists, behind one object; SQL stays in this folder. */
export class Store implements StepStore {
  readonly events: EventLog;
  readonly reports: ReportsTable;
  readonly tickets: TicketCounters;
  readonly media: MediaTable;
  readonly displays: DisplaysTable;
  readonly accounts: AccountsTable;
  readonly clientCommands: ClientCommandsTable;
  readonly cameras: CamerasTable;
  readonly stats: StatsQueries;
  readonly apiClients: ApiClientsTable;
  readonly open311: Open311Queries;
  readonly indicators: IndicatorValuesTable;
  readonly layouts: DisplayLayoutsTable;
  readonly hubRuns: HubRunsTable;
  /** The displays each live hub run has connected: presence across hubs (migration 028); not a projection. */
  readonly displayConnections: DisplayConnectionsTable;
  /** The markers at the start of each city day: where a replay folds from. */
  readonly replayCheckpoints: ReplayCheckpointsTable;
  /** Messages to other systems, added with their event and sent by the outbox worker; not a projection. */
  readonly outbox: OutboxTable;
  /** Jobs one hub at a time runs (the deadline sweep). */
  readonly leases: LeasesTable;
  /** Flood-limit counters, shared by every hub on this store. */
  readonly rateLimitHits: RateLimitHits;
  /** Kinerja's day sums per agency, category and kecamatan (migration 022). */
  readonly rollups: RollupsTable;
  /** Kinerja's open reports per agency and hour / day of receipt, and per kecamatan (migration 027). */
  readonly openCounts: OpenCountsTable;
  /** The city's clock: where its days start, for the replay checkpoints. */
  readonly clock: CityClock;
  /** Appends an event and applies it to every projection, in the caller's transaction: the only writer of projections. */
  readonly projector: Projector;
  /** Identifies this database: a client holding seqs from another store must take a fresh snapshot. */
  readonly storeId: string;

  /** What a command's step reads and writes here: every call answered at once (server/store/step.ts). */
  readonly ports: Ports;

  private readonly group: GroupCommit | null;

  /**
   * groupCommit false: every grouped write commits alone (the benches' "before"). clock: the city's (the hub gives
   * its profile's); without one, days start at the first zone's midnight, which moves only where checkpoints fall.
   */
  constructor(readonly db: Db, opts: { groupCommit?: boolean; clock?: CityClock } = {}) {
    this.clock = opts.clock ?? cityClock(CITY_ZONES[0]);
    const applied = migrate(db);
    this.events = new EventLog(db);
    this.group = opts.groupCommit === false ? null : new GroupCommit(db, () => this.events.appended);
    this.reports = new ReportsTable(db);
    this.tickets = new TicketCounters(db);
    this.media = new MediaTable(db);
    this.displays = new DisplaysTable(db);
    this.accounts = new AccountsTable(db);
    this.clientCommands = new ClientCommandsTable(db);
    this.cameras = new CamerasTable(db);
    this.stats = new StatsQueries(db);
    this.apiClients = new ApiClientsTable(db);
    this.open311 = new Open311Queries(db);
    this.indicators = new IndicatorValuesTable(db);
    this.layouts = new DisplayLayoutsTable(db);
    this.hubRuns = new HubRunsTable(db);
    this.displayConnections = new DisplayConnectionsTable(db);
    this.replayCheckpoints = new ReplayCheckpointsTable(db);
    this.outbox = new OutboxTable(db);
    this.leases = new LeasesTable(db);
    this.rateLimitHits = new RateLimitHits(db);
    this.rollups = new RollupsTable(db);
    this.openCounts = new OpenCountsTable(db);
    this.projector = new Projector(this.events, projectionsOf(db, this, this.clock));
    this.ports = { reports: sqliteReportWrites(this), cameras: sqliteCameraWrites(this), accounts: sqliteAccountWrites(this), room: sqliteRoomWrites(this), runs: sqliteRunWrites(this), reads: sqliteReads(this) };
    // The rollups are a function of the reports' rows: a store that had reports before they existed starts from those.
    // So are the open counts and the month rows of 027.
    const at027 = applied.includes('027_open_counts_and_rollup_months.sql');
    if (applied.includes('022_report_rollups.sql') || at027) this.refillRollups();
    if (at027) this.refillOpenCounts();
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('store_id', randomUUID());
    this.storeId = db.prepare("SELECT value FROM meta WHERE key = 'store_id'").pluck().get() as string;
  }

  /** The rollups made again from the reports' rows, which they are a function of (a store's first start after 022 or 027). */
  refillRollups(): void {
    this.tx(() => {
      this.rollups.clear();
      this.rollups.apply(rollupsOf(this.reports.eachFacts(), this.clock));
    });
  }

  /** The open counts made again from the reports' rows (a store's first start after 027). */
  refillOpenCounts(): void {
    this.tx(() => {
      this.openCounts.clear();
      this.openCounts.apply(openCountsOf(this.openCounts.eachOpen(), this.clock));
    });
  }

  static open(file: string, opts: { synchronous?: Synchronous; groupCommit?: boolean; clock?: CityClock } = {}): Store {
    return new Store(openDb(file, opts.synchronous), opts);
  }

  /**
   * Writes a compact copy of this database to `target` without its identity (test fixtures: one seeded store made
   * once, copied per test file). A store opened from the copy makes its own storeId, as a new database would.
   */
  saveCopy(target: string): void {
    this.db.prepare('VACUUM INTO ?').run(target);
    const copy = openDb(target);
    copy.prepare("DELETE FROM meta WHERE key = 'store_id'").run();
    copy.close();
  }

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Several reads that must agree with one another (a snapshot and its seq): one read transaction, no write lock. */
  read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  /**
   * Like tx, but shares one transaction (one fsync) with the other grouped writes of this turn of the event loop,
   * each in its own savepoint. `after` runs once it is committed, in write order, before the promise settles.
   * durable false: a record no one is answered about (see GroupCommit.run); what it appends as events is still durable.
   */
  txGrouped<T>(fn: () => T, after: (value: T) => void = () => {}, durable = true): Promise<T> {
    if (this.group) return this.group.run(fn, after, durable);
    return settled(() => {
      const value = this.tx(fn);
      after(value);
      return value;
    });
  }

  /** Runs a step that only reads, in one read transaction (no write lock): its reads agree with one another. */
  query<T>(make: (p: Ports) => Step<T>): Promise<T> {
    return settled(() => this.read(() => runNow(make(this.ports))));
  }

  /** Runs a command's step in one transaction (server/store/step.ts): resolves once it has committed. */
  command<T>(make: (p: Ports) => Step<T>): Promise<T> {
    return settled(() => this.tx(() => runNow(make(this.ports))));
  }

  /**
   * A step that writes no event (presence, counters: not the city's record), in the transaction grouped with this
   * turn's others and not made durable on its own: a power cut may forget seconds of it, a killed hub never does.
   */
  write<T>(make: (p: Ports) => Step<T>): Promise<T> {
    return this.txGrouped(() => runNow(make(this.ports)), undefined, false);
  }

  /** command, in the transaction grouped with this turn's others (txGrouped); `after` runs once it has committed. */
  commandGrouped<T>(make: (p: Ports) => Step<T>, after: (value: T) => void = () => {}, durable = true): Promise<T> {
    return this.txGrouped(() => runNow(make(this.ports)), after, durable);
  }

  close(): void {
    this.db.close();
  }
}
