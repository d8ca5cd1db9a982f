import { openDbReadOnly } from '../store/db.js';
import { EventLog } from '../store/events.js';
import { openPgStore } from '../store/pg/index.js';
import { PgProjector, pgProjections } from '../store/pg/projector.js';
import { replayIntoPg } from '../store/pg/replay.js';
import { copyCameraSources, copyOperationalRows } from '../store/pg/copy-rows.js';
import { loadCity } from '../profile/load.js';

/** A SQLite city moved into an empty PostgreSQL database as `npm run migrate:pg` moves it (without its check). */
export async function moveToPg(file: string, url: string, city = 'tangerang'): Promise<void> {
  const sqlite = openDbReadOnly(file);
  const pg = await openPgStore(url, { poolSize: 2 });
  try {
    await replayIntoPg(new EventLog(sqlite), pg, new PgProjector(pg.events, pgProjections(loadCity(city).clock)));
    await copyCameraSources(sqlite, pg);
    await copyOperationalRows(sqlite, pg);
  } finally {
    await pg.close();
    sqlite.close();
  }
}
