import { z } from 'zod';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import type { PhotoLimits } from './domain/photo-queue.js';
import type { Synchronous } from './store/db.js';
import { WEBHOOK_RETRIES, type RetryPolicy } from './domain/retries.js';

/** Every environment variable the hub reads, parsed once. Each is documented in README.md. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  PANTAU_DATA_DIR: z.string().default('data'),
  PANTAU_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL, postgres://user:password@host:5432/db').optional(),
  PANTAU_MEDIA_DIR: z.string().min(1).optional(),
  PANTAU_SNAPSHOTS_DIR: z.string().min(1).optional(),
  PANTAU_CITY: z.string().regex(/^[a-z0-9-]+$/).default('tangerang'),
  PANTAU_CITIES: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((c) => c.trim()).filter(Boolean))
    // At most 40: a city's PostgreSQL schema and notification channel are named from it, within 63 bytes.
    .pipe(z.array(z.string().regex(/^[a-z0-9-]{1,40}$/, 'comma-separated city ids of up to 40 letters, digits and hyphens, tangerang,malang')))
    .refine((cities) => new Set(cities).size === cities.length, 'a city is named twice')
    // The province's own folder, schema and stream are named so (server/province/city.ts PROVINCE_ID).
    .refine((cities) => !cities.includes('provinsi'), 'provinsi is the province of the cities, not one of them'),
  PANTAU_PROVINCE_NAME: z.string().trim().min(1).max(80).default('Provinsi'),
  PANTAU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PANTAU_MAP_STYLE_URL: z.string().url().optional(),
  PANTAU_MAX_PHOTO_BYTES: z.coerce.number().int().positive().default(12 * 1024 * 1024),
  PANTAU_MAX_PHOTO_PIXELS: z.coerce.number().int().positive().default(50_000_000),
  PANTAU_PHOTO_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(Math.max(1, availableParallelism() - 1)),
  PANTAU_PHOTO_MEMORY_MB: z.coerce.number().int().min(16).default(384),
  PANTAU_PHOTO_QUEUE: z.coerce.number().int().min(0).default(24),
  PANTAU_CATCHUP_LIMIT: z.coerce.number().int().positive().default(5000),
  PANTAU_WALL_TOKEN: z.string().min(24).optional(),
  PANTAU_CAMERA_MONITOR: z.enum(['on', 'off']).default('on'),
  PANTAU_DEADLINE_SCHEDULER: z.enum(['on', 'off']).default('on'),
  PANTAU_CAMERA_SIMULATOR_URL: z.string().url().default('http://127.0.0.1:8091'),
  PANTAU_CAMERA_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  PANTAU_CAMERA_TIMEOUT_MS: z.coerce.number().int().min(200).max(60_000).default(5000),
  PANTAU_CAMERA_THREADS: z.coerce.number().int().min(1).max(32).default(Math.min(2, availableParallelism())),
  PANTAU_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(WEBHOOK_RETRIES.maxAttempts),
  PANTAU_DEADLINE_EVERY_MS: z.coerce.number().int().min(200).max(3_600_000).default(30_000),
  PANTAU_AGENCY_WEBHOOKS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((pair) => pair.trim()).filter(Boolean))
    // With PANTAU_CITIES each names its city too: malang.dkp=URL (server/installation.ts).
    .pipe(z.array(z.string().regex(/^(?:[a-z0-9-]+\.)?[a-z0-9-]+=https?:\/\/\S+$/, 'comma-separated agency=URL pairs, dkp=https://dkp.example/pantau')))
    .refine((pairs) => new Set(pairs.map((p) => p.split('=')[0])).size === pairs.length, 'an agency is named twice')
    .transform((pairs) => Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)])))
    .pipe(z.record(z.string(), z.string().url('each agency\'s webhook is a URL'))),
  PANTAU_RATE_REPORTS_PER_10MIN: z.coerce.number().int().min(1).default(30),
  PANTAU_RATE_OPEN311_PER_MIN: z.coerce.number().int().min(1).default(60),
  PANTAU_RATE_LOGIN_FAILS_PER_15MIN: z.coerce.number().int().min(1).default(100),
  PANTAU_RATE_LOGIN_FAILS_PER_USER_15MIN: z.coerce.number().int().min(1).default(10),
  PANTAU_TRUST_PROXY: z
    .string()
    .default('off')
    .transform((v) => v.trim())
    .refine((v) => v !== '', 'off, loopback, a number of proxy hops, or comma-separated proxy addresses'),
  PANTAU_PUBLIC_ORIGIN: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean))
    // With PANTAU_CITIES each names its city too: malang=https://… (server/installation.ts).
    .pipe(z.array(z.string().regex(/^(?:[a-z0-9-]+=)?https?:\/\/[^/]+$/, 'each origin is scheme://host[:port], comma-separated'))),
});

export type RateLimits = { reportsPer10Min: number; open311PerMin: number; loginFailsPer15Min: number; loginFailsPerUser15Min: number };

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  /** The PostgreSQL store (PANTAU_DATABASE_URL); null: the SQLite file dbFile, the default. */
  databaseUrl: string | null;
  mediaDir: string;
  city: string;
  /**
   * The cities one installation serves (PANTAU_CITIES), each on its own store, port and folders (server/installation.ts);
   * empty: PANTAU_CITY alone, as before.
   */
  cities: string[];
  /** What the province's screens call it (PANTAU_PROVINCE_NAME), over the cities of PANTAU_CITIES. */
  provinceName: string;
  /** The PostgreSQL schema this city's tables live in; null: the URL's own search_path (one city per database). */
  databaseSchema: string | null;
  logLevel: z.infer<typeof Env>['PANTAU_LOG_LEVEL'];
  mapStyleUrl: string | null;
  maxPhotoBytes: number;
  maxPhotoPixels: number;
  /** Photo decodes at once, their memory budget and how many may wait (server/domain/photo-queue.ts). */
  photoLimits: PhotoLimits;
  /** A client further behind than this many events gets a snapshot instead of a delta. */
  catchUpLimit: number;
  /** A wall display token to make sure exists at start-up (the demo pairs its wall with it). */
  wallToken: string | null;
  /** Off only in tests that drive the sweep themselves: of several hubs on one store, a lease picks the one that sweeps. */
  deadlineScheduler: boolean;
  /** How often the deadline sweep runs (PANTAU_DEADLINE_EVERY_MS); its lease runs three of these. */
  deadlineEveryMs: number;
  /**
   * Where each agency's deadline reminders are POSTed, by agency id (PANTAU_AGENCY_WEBHOOKS): an installation's
   * endpoints, often with a secret in them, kept out of the city profile in the repository; it wins over the profile's.
   */
  agencyWebhooks: Record<string, string>;
  /** How agency webhooks are retried: backoff from domain/retries.ts, given up after PANTAU_WEBHOOK_ATTEMPTS tries. */
  webhookRetries: RetryPolicy;
  /** Only one hub of several polls the cameras. */
  cameraMonitor: boolean;
  /** What `{simulator}` in a profile's camera URLs stands for. */
  cameraSimulatorUrl: string;
  cameraConcurrency: number;
  cameraTimeoutMs: number;
  /** Prober threads of the camera monitor (camera-prober.ts). */
  cameraThreads: number;
  snapshotsDir: string;
  /** Flood limits: reports per 10 minutes from one citizen IP (staff: per account), Open311 POSTs per minute per key, failed logins per 15 minutes per IP and per username. */
  rateLimits: RateLimits;
  /**
   * Which proxies' X-Forwarded-For to believe (Express 'trust proxy'): false by default, so a stranger cannot pick
   * the address the flood limits count. 'loopback' for a reverse proxy on the same machine, a hop count, or addresses.
   */
  trustProxy: false | number | string;
  /**
   * FULL + group commit: a 201 means the report is on disk. Not an environment variable: NORMAL without grouping
   * exists only so bench:ingest can show before and after in one run.
   */
  durability: { synchronous: Synchronous; groupCommit: boolean };
  /** Origins the hub is reached at behind a proxy that rewrites Host: cookie-borne changes from them are our own pages. */
  publicOrigins: string[];
  /** Where the built front end lives; null when the hub serves the API only. */
  staticDir: string | null;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`environment variable ${String(i.path[0])}: ${i.message}`);
  }
  const e = parsed.data;
  // A city named in an entry is for an installation of several (server/installation.ts cityConfig).
  if (e.PANTAU_CITIES.length <= 1) {
    const hook = Object.keys(e.PANTAU_AGENCY_WEBHOOKS).find((k) => k.includes('.'));
    const origin = e.PANTAU_PUBLIC_ORIGIN.find((o) => /^[a-z0-9-]+=/.test(o));
    const [setting, entry] = hook ? ['PANTAU_AGENCY_WEBHOOKS', hook] : ['PANTAU_PUBLIC_ORIGIN', origin];
    if (entry) throw new Error(`${setting}: ${entry} names a city, which is for PANTAU_CITIES (several cities); one city's entries name none`);
  }
  // Absolute from the start: res.sendFile refuses a relative path, and the README's default is the relative `data`.
  const dataDir = resolve(e.PANTAU_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbFile: join(dataDir, 'pantau.sqlite'),
    databaseUrl: e.PANTAU_DATABASE_URL ?? null,
    // Hubs sharing a store share these folders too (every hub serves every report's photos and every camera's frame).
    mediaDir: e.PANTAU_MEDIA_DIR ? resolve(e.PANTAU_MEDIA_DIR) : join(dataDir, 'media'),
    city: e.PANTAU_CITIES[0] ?? e.PANTAU_CITY,
    cities: e.PANTAU_CITIES,
    databaseSchema: null,
    provinceName: e.PANTAU_PROVINCE_NAME,
    logLevel: e.PANTAU_LOG_LEVEL,
    mapStyleUrl: e.PANTAU_MAP_STYLE_URL ?? null,
    maxPhotoBytes: e.PANTAU_MAX_PHOTO_BYTES,
    maxPhotoPixels: e.PANTAU_MAX_PHOTO_PIXELS,
    photoLimits: { concurrency: e.PANTAU_PHOTO_CONCURRENCY, memoryBytes: e.PANTAU_PHOTO_MEMORY_MB * 1024 * 1024, maxWaiting: e.PANTAU_PHOTO_QUEUE },
    catchUpLimit: e.PANTAU_CATCHUP_LIMIT,
    wallToken: e.PANTAU_WALL_TOKEN ?? null,
    cameraMonitor: e.PANTAU_CAMERA_MONITOR === 'on',
    deadlineScheduler: e.PANTAU_DEADLINE_SCHEDULER === 'on',
    deadlineEveryMs: e.PANTAU_DEADLINE_EVERY_MS,
    agencyWebhooks: e.PANTAU_AGENCY_WEBHOOKS,
    webhookRetries: { ...WEBHOOK_RETRIES, maxAttempts: e.PANTAU_WEBHOOK_ATTEMPTS },
    cameraSimulatorUrl: e.PANTAU_CAMERA_SIMULATOR_URL.replace(/\/$/, ''),
    cameraConcurrency: e.PANTAU_CAMERA_CONCURRENCY,
    cameraTimeoutMs: e.PANTAU_CAMERA_TIMEOUT_MS,
    cameraThreads: e.PANTAU_CAMERA_THREADS,
    snapshotsDir: e.PANTAU_SNAPSHOTS_DIR ? resolve(e.PANTAU_SNAPSHOTS_DIR) : join(dataDir, 'cameras'),
    rateLimits: {
      reportsPer10Min: e.PANTAU_RATE_REPORTS_PER_10MIN,
      open311PerMin: e.PANTAU_RATE_OPEN311_PER_MIN,
      loginFailsPer15Min: e.PANTAU_RATE_LOGIN_FAILS_PER_15MIN,
      loginFailsPerUser15Min: e.PANTAU_RATE_LOGIN_FAILS_PER_USER_15MIN,
    },
    trustProxy: e.PANTAU_TRUST_PROXY === 'off' ? false : /^\d+$/.test(e.PANTAU_TRUST_PROXY) ? Number(e.PANTAU_TRUST_PROXY) : e.PANTAU_TRUST_PROXY,
    durability: { synchronous: 'FULL', groupCommit: true },
    publicOrigins: e.PANTAU_PUBLIC_ORIGIN,
    staticDir: join(import.meta.dirname, '..', 'dist'),
    ...overrides,
  };
}
