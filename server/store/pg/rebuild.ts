import type { CityClock } from '../../domain/time.js';
import { openDb } from '../db.js';
import { Store } from '../index.js';
import type { PgStore } from './index.js';
import { pgDifferences, type PgDifference } from './compare.js';
import { pgProjections } from './projector.js';

/** Events read from PostgreSQL's log at a time. */
const PAGE = 5_000;

/**
 * `npm run rebuild` on PostgreSQL: folds the whole PostgreSQL log, seq by seq, through the one projector into a fresh
 * SQLite store in memory (every projection's rule is written once and shared by both stores), then compares each
 * PostgreSQL projection's rows with the fold's, field by field (pg/compare.ts, migrate:pg's check). Reads only.
 */
export async function rebuildPg(pg: PgStore, clock: CityClock): Promise<{ events: number; differences: PgDifference[] }> {
  const fold = new Store(openDb(':memory:'), { clock });
  try {
    // What the projections stand on that is not in the log (the paired displays a layout refers to) is not the
    // fold's to check: its references go unchecked, and the rows compared are the projections' alone.
    fold.db.pragma('foreign_keys = OFF');
    let events = 0;
    for (;;) {
      const page = await pg.events.since(events, PAGE);
      fold.tx(() => page.forEach((e) => fold.projector.append(e)));
      events += page.length;
      if (page.length < PAGE) break;
    }
    const { differences } = await pgDifferences(fold.projector.projections, pgProjections(clock), pg.pool);
    return { events, differences };
  } finally {
    fold.close();
  }
}
