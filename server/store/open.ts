import type { Config } from '../config.js';
import type { CityClock } from '../domain/time.js';
import type { OutboxQueue } from './outbox.js';
import type { StepStore } from './ports.js';
import { Store } from './index.js';
import { sqliteOutboxQueue } from './outbox.js';
import { openPgStore } from './pg/index.js';
import { PgProjector, pgProjections } from './pg/projector.js';
import { pgStepStore } from './pg/command.js';
import { pgOutboxQueue } from './pg/outbox.js';

/** The hub's store, chosen by one setting: what it runs its steps on, its outbox, and how it closes. */
export type HubStore<S extends StepStore = StepStore> = { store: S; outbox: OutboxQueue; kind: 'sqlite' | 'postgresql'; close: () => Promise<void> };

/**
 * PANTAU_DATABASE_URL set: PostgreSQL (migrated at open); absent: the SQLite file under the data folder, the
 * embedded default. The city's clock decides where its days start (replay checkpoints, rollups).
 */
export async function openHubStore(config: Pick<Config, 'databaseUrl' | 'dbFile' | 'durability'>, clock: CityClock): Promise<HubStore> {
  if (config.databaseUrl) {
    const pg = await openPgStore(config.databaseUrl);
    const projector = new PgProjector(pg.events, pgProjections(clock));
    return { store: pgStepStore(pg, projector), outbox: pgOutboxQueue(pg), kind: 'postgresql', close: () => pg.close() };
  }
  const store = Store.open(config.dbFile, { ...config.durability, clock });
  return { store, outbox: sqliteOutboxQueue(store.storeId, store.outbox), kind: 'sqlite', close: async () => store.close() };
}
