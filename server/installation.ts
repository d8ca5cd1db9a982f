import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { createHub, type Hub } from './hub.js';
import { loadCity } from './profile/load.js';
import { PROVINCE_ID, provinceCity } from './province/city.js';
import { provinceRouter } from './province/router.js';
import { attachProvinceLive } from './province/live.js';
import { deliverPending, forwardingOf, type CityForwarding } from './province/forwarding.js';
import { mediaFrom } from './province/media.js';

/**
 * One installation, several cities (PANTAU_CITIES): each city is a hub of its own, with its own store, event stream
 * and seq, accounts, displays, cameras and folders, so no request or socket of one city can reach another's rows, and
 * one city's wall hears only its city's events. They share the process, the PostgreSQL database (a schema each) and
 * the machine. Without PANTAU_CITIES the installation is the one city of PANTAU_CITY, exactly as before.
 */
export type Installation = {
  /** In PANTAU_CITIES' order. */
  hubs: Hub[];
  /** Each hub's config, in the same order. */
  configs: Config[];
  /**
   * The province's hub over every city (server/province/), on the port after the last city's, with its own store
   * for its staff, displays and layouts; none for one city.
   */
  province: Hub | null;
  /** Starts every listener; the cities' ports in the hubs' order, and the province's. */
  listen(): Promise<{ cities: number[]; province: number | null }>;
  close(): Promise<void>;
};

/**
 * Where the city at `index` of PANTAU_CITIES lives: the port after the one before it (PORT for the first; 0 stays 0,
 * a free port each), a folder under the data folder for its SQLite file and wall token, media and camera frames in
 * folders of their own, and its own schema on PostgreSQL.
 */
export function cityConfig(config: Config, city: string, index: number): Config {
  const dataDir = join(config.dataDir, city);
  const ownOr = (dir: string, defaultName: string) => (dir === join(config.dataDir, defaultName) ? join(dataDir, defaultName) : join(dir, city));
  return {
    ...config,
    city,
    cities: [city],
    // Its own wall token, webhooks and origins: one city's must never open, reach or vouch for another's.
    wallToken: config.wallToken ? cityWallToken(config.wallToken, city) : null,
    agencyWebhooks: Object.fromEntries(ownEntries(Object.entries(config.agencyWebhooks), city, '.', 'PANTAU_AGENCY_WEBHOOKS', 'malang.dkp=https://…')),
    publicOrigins: ownEntries(config.publicOrigins.map((o) => [o, o]), city, '=', 'PANTAU_PUBLIC_ORIGIN', 'malang=https://…').map(([origin]) => origin),
    port: config.port === 0 ? 0 : config.port + index,
    dataDir,
    dbFile: join(dataDir, 'pantau.sqlite'),
    mediaDir: ownOr(config.mediaDir, 'media'),
    snapshotsDir: ownOr(config.snapshotsDir, 'cameras'),
    databaseSchema: citySchema(city),
  };
}

/** The province's hub of an installation of several cities: after the last city, in a folder and schema of its own. */
export function provinceConfig(config: Config): Config {
  // It has no cameras to watch.
  return { ...cityConfig(config, PROVINCE_ID, config.cities.length), cameraMonitor: false };
}

/**
 * A city's own wall token of an installation of several, made from PANTAU_WALL_TOKEN: each city's wall is paired
 * with its own (the demo prints each), so a city's wall token opens no other city's screens.
 */
export function cityWallToken(token: string, city: string): string {
  return createHmac('sha256', token).update(`pantau-wall:${city}`).digest('base64url').slice(0, 32);
}

/** `city<sep>key` entries of a setting, the city's own with the prefix taken off; one naming no city is refused. */
function ownEntries<T>(entries: [string, T][], city: string, sep: string, setting: string, example: string): [string, T][] {
  return entries.flatMap(([key, value]) => {
    const at = key.indexOf(sep);
    if (at === -1) throw new Error(`${setting}: with PANTAU_CITIES, name each entry's city (${example}); ${key} names none`);
    return key.slice(0, at) === city ? [[key.slice(at + 1), value] as [string, T]] : [];
  });
}

/** A city's PostgreSQL schema: `city_` and its id, a hyphen made an underscore (a plain identifier). */
export function citySchema(city: string): string {
  return `city_${city.replace(/-/g, '_')}`;
}

/**
 * The one city an ops script (seed, rebuild, migrate:pg) works on: the installation's only city, or with several
 * the one PANTAU_CITY names, in its own folder and schema. Several and none named is refused: a script must never
 * take the first city's place for another's.
 */
export function oneCityConfig(config: Config, env: NodeJS.ProcessEnv = process.env): Config {
  if (config.cities.length <= 1) return config;
  const i = config.cities.indexOf(env.PANTAU_CITY ?? '');
  if (i === -1) throw new Error(`PANTAU_CITIES serves ${config.cities.join(', ')}: name the city this works on with PANTAU_CITY, one of them`);
  return cityConfig(config, config.cities[i], i);
}

/** The config of each city the installation serves: PANTAU_CITIES' each in its place, or the config as it is. */
export function cityConfigs(config: Config): Config[] {
  return config.cities.length > 1 ? config.cities.map((city, i) => cityConfig(config, city, i)) : [config];
}

export async function openInstallation(config: Config, opts: { now?: () => Date; log?: Logger } = {}): Promise<Installation> {
  const log = opts.log ?? pino({ level: config.logLevel });
  const configs = cityConfigs(config);
  // Every profile read before any store opens: a misspelt city stops the start with nothing migrated. A ticket
  // names its report across the installation (a forwarded one keeps its own): no two cities share a prefix.
  const prefixes = new Map<string, string>();
  for (const c of configs) {
    const { ticketPrefix } = loadCity(c.city).profile;
    if (prefixes.has(ticketPrefix)) throw new Error(`PANTAU_CITIES: ${prefixes.get(ticketPrefix)} and ${c.city} both number their tickets ${ticketPrefix}; each city needs its own ticketPrefix`);
    prefixes.set(ticketPrefix, c.city);
  }
  const hubs: Hub[] = [];
  try {
    // One after another: each migrates and seeds its cameras at start-up, and a city that cannot start stops them all.
    for (const c of configs) {
      // Several cities: a photo another city holds (a forwarded report's proof) is served at this one's address too,
      // once its own store has said it holds none.
      let self: Hub | undefined;
      const router = configs.length > 1 ? mediaFrom(() => hubs.filter((h) => h !== self), () => self) : undefined;
      self = await createHub(c, { ...opts, log: configs.length > 1 ? log.child({ city: c.city }) : log, ...(router ? { router } : {}) });
      hubs.push(self);
    }
  } catch (err) {
    await Promise.all(hubs.map((h) => h.close()));
    throw err;
  }
  let province: Hub | null = null;
  let provinceLive: { stop: () => void } | null = null;
  let forwardings: CityForwarding[] = [];
  if (hubs.length > 1) {
    try {
      // Each city reaches the others to forward a report (server/province/forwarding.ts); what a stop cut short is sent now.
      forwardings = hubs.map((hub) => (hub.ctx.forwarding = forwardingOf(hub, hubs, hub.log)));
      for (const [i, hub] of hubs.entries()) {
        const { sent, failed } = await deliverPending(hub, forwardings[i], hub.log);
        if (sent) hub.log.warn({ sent }, 'forwarded reports filed in the cities they went to, after a stop between the two');
        if (failed) forwardings[i].retryLater();
      }
      const city = provinceCity(hubs.map((h) => h.ctx.city), config.provinceName);
      const own = provinceConfig(config);
      province = await createHub(own, { ...opts, city, router: provinceRouter(hubs, city), log: log.child({ city: PROVINCE_ID }) });
      provinceLive = attachProvinceLive(province, hubs, { catchUpLimit: config.catchUpLimit, log, publicOrigins: own.publicOrigins });
    } catch (err) {
      for (const f of forwardings) f.stop();
      await province?.close();
      await Promise.all(hubs.map((h) => h.close()));
      throw err;
    }
  }
  return {
    hubs,
    configs,
    province,
    listen: async () => {
      const cities: number[] = [];
      for (const h of hubs) cities.push(await h.listen());
      return { cities, province: province ? await province.listen() : null };
    },
    close: async () => {
      // No retry of a forwarding once the stores close; the province first: it hands requests to the cities' hubs.
      for (const f of forwardings) f.stop();
      provinceLive?.stop();
      await province?.close();
      await Promise.all(hubs.map((h) => h.close()));
    },
  };
}
