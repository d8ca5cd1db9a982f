import type { Config } from '../config.js';
import type { City } from '../profile/load.js';
import type { AreaCodes } from '../commands/context.js';
import { areaCodesAt, loadAreas } from './pg/geo.js';
import { listenForEvents } from './pg/notify.js';
import type { Logger } from 'pino';
import type { OutboxQueue } from './outbox.js';
import type { StepStore } from './ports.js';
import { Store } from './index.js';
import { sqliteOutboxQueue } from './outbox.js';
import { openPgStore } from './pg/index.js';
import { PgProjector, pgProjections } from './pg/projector.js';
import { pgStepStore } from './pg/command.js';
import { pgOutboxQueue } from './pg/outbox.js';

/** The hub's store, chosen by one setting: what it runs its steps on, its outbox, and how it closes. */
export type HubStore<S extends StepStore = StepStore> = {
  store: S;
  outbox: OutboxQueue;
  kind: 'sqlite' | 'postgresql';
  /**
   * Calls `onEvents` whenever any hub on the store has committed events (PostgreSQL's LISTEN/NOTIFY); SQLite has no
   * such signal and its hubs look for other hubs' events on a timer alone.
   */
  listen?: (onEvents: () => void, log: Pick<Logger, 'warn'>) => { close: () => Promise<void> };
  /** PostgreSQL's point-in-kecamatan lookup (PostGIS, over the city's areas loaded at open); SQLite has none. */
  areasAt?: (lng: number, lat: number) => Promise<AreaCodes>;
  close: () => Promise<void>;
};

/**
 * PANTAU_DATABASE_URL set: PostgreSQL (migrated at open); absent: the SQLite file under the data folder, the
 * embedded default. The city's clock decides where its days start (replay checkpoints, rollups); on PostgreSQL its
 * areas are loaded for the point-in-kecamatan lookup.
 */
export async function openHubStore(config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dbFile' | 'durability'>, city: City): Promise<HubStore> {
  const { clock } = city;
  if (config.databaseUrl) {
    const schema = config.databaseSchema;
    const pg = await openPgStore(config.databaseUrl, { schema });
    const projector = new PgProjector(pg.events, pgProjections(clock));
    try {
      await loadAreas(pg.pool, { district: city.districts, subdistrict: city.subdistricts });
    } catch (e) {
      await pg.close();
      throw e;
    }
    const areasAt = async (lng: number, lat: number): Promise<AreaCodes> => {
      const [[districtCode], [subdistrictCode]] = await Promise.all([areaCodesAt(pg.pool, 'district', [{ lng, lat }]), areaCodesAt(pg.pool, 'subdistrict', [{ lng, lat }])]);
      return { districtCode, subdistrictCode };
    };
    let listener: { close: () => Promise<void> } | null = null;
    const url = config.databaseUrl;
    const listen = (onEvents: () => void, log: Pick<Logger, 'warn'>) => (listener ??= listenForEvents(url, onEvents, log, schema));
    const close = async () => {
      await listener?.close();
      await pg.close();
    };
    return { store: pgStepStore(pg, projector), outbox: pgOutboxQueue(pg), kind: 'postgresql', areasAt, listen, close };
  }
  const store = Store.open(config.dbFile, { ...config.durability, clock });
  return { store, outbox: sqliteOutboxQueue(store.storeId, store.outbox), kind: 'sqlite', close: async () => store.close() };
}
