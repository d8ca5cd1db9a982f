import type { Db } from './db.js';

type Item = { write: () => unknown; after: (value: unknown) => void; resolve: (v: unknown) => void; reject: (e: unknown) => void; durable: boolean };

/** How many events have been appended so far: a batch that appended one must reach the disk before it is answered. */
export type EventCount = () => number;

/**
 * Group commit: writes that arrive in the same turn of the event loop share one transaction, so one fsync
 * (synchronous = FULL) acknowledges them all. Each runs in its own savepoint: one that throws is rolled back
 * alone and its caller gets the error; the others are kept. `after` runs for each kept write right after the
 * COMMIT, in the order they were written, before anyone is answered: that is where events are broadcast, in seq order.
 */
export class GroupCommit {
  private pending: Item[] = [];
  private scheduled = false;
  private readonly full: boolean;
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly events: EventCount = () => 0,
    private readonly maxBatch = 64,
  ) {
    this.full = db.pragma('synchronous', { simple: true }) === 2;
    this.s = {
      // A real change (SQLite writes no frame for a row updated to what it was): its FULL commit flushes the WAL,
      // and with it every frame written before.
      touch: db.prepare("INSERT INTO meta (key, value) VALUES ('durable_mark', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1"),
    };
  }

  /**
   * durable false: a record nobody is answered about (a camera probe) that may be lost in a power cut, never in a
   * killed hub. A batch of only those commits with synchronous = NORMAL, no fsync; if one of them appended an
   * event after all, the WAL is flushed before anything is answered or broadcast, so an event is still on disk first.
   */
  run<T>(write: () => T, after: (value: T) => void = () => {}, durable = true): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, after: after as (v: unknown) => void, resolve: resolve as (v: unknown) => void, reject, durable });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush() {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxBatch);
    if (this.pending.length) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    // Inside someone's open transaction (an async one, event-log-sqlite.ts) the level cannot change: that COMMIT decides.
    const light = this.full && !this.db.inTransaction && batch.every((item) => !item.durable);
    const events = this.events();
    try {
      // Not prepared statements: SQLite applies this pragma when it is compiled, not when it is run.
      if (light) this.db.pragma('synchronous = NORMAL');
      try {
        this.db
          .transaction(() => {
            for (const item of batch) {
              try {
                // A transaction inside a transaction is a SAVEPOINT in better-sqlite3: a throw undoes this write only.
                outcomes.push({ ok: true, value: this.db.transaction(item.write)() });
              } catch (error) {
                outcomes.push({ ok: false, error });
              }
            }
          })
          .immediate();
      } finally {
        if (light) this.db.pragma('synchronous = FULL');
      }
      if (light && this.events() !== events) this.db.transaction(() => this.s.touch.run()).immediate();
    } catch (error) {
      // The COMMIT itself (or the flush after it) failed, disk full or I/O error: nobody is acknowledged.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i];
      if (!o.ok) return item.reject(o.error);
      try {
        item.after(o.value);
      } catch (error) {
        // Committed, but its broadcast failed: its caller hears of it as with an ungrouped commit; the rest go on.
        return item.reject(error);
      }
      item.resolve(o.value);
    });
  }
}
