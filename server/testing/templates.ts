import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteHub as Hub } from '../hub.js';
import type { Config } from '../config.js';
import { startTestHub } from './hub.js';
import { seedAccounts } from '../../scripts/seed-accounts.js';
import { seedDemo } from '../../scripts/seed.js';
import { seedDemoIndicators } from '../../scripts/seed-indicators.js';
import { cameraSimulator, darkenCamera, type CameraSimulator } from './cameras.js';
import { loadCity } from '../profile/load.js';

/**
 * Seeded stores made once per test run and copied per test file, instead of every file seeding its own.
 *
 *   'accounts'  the demo accounts (admin, supervisor, an operator and two field supervisors per agency; password
 *               DEMO_PASSWORD). Hashing their passwords (scrypt) is most of what seeding them costs.
 *   'demo'      the accounts, DEMO_REPORTS reports over the last DEMO_DAYS days in every state (scripts/seed.ts),
 *               a year of indicator figures (scripts/seed-indicators.ts), and every camera probed once with
 *               DARK_CAMERA offline (its alert open). No deadline sweep: a file that wants breaches runs
 *               sweepDeadlines itself, on its own clock. `now` of the seed is when the run began.
 *
 * Use: `startTestHub(over, { from: 'demo' })` (server/testing/hub.ts). `seedAccounts(hub.ctx)` on such a hub only
 * looks the accounts up (no hashing) and returns the usual handles. Each copy gets its own storeId.
 *
 * The vitest globalSetup files (server/testing/global-setup.ts, e2e/global-setup.ts) build the templates a run
 * needs before any file starts and pass their folder on in PANTAU_TEST_TEMPLATES; a process without it (a script,
 * another config) builds what it asks for itself, once.
 */
export type TemplateName = 'accounts' | 'demo';
export const DEMO_REPORTS = 150;
export const DEMO_DAYS = 14;
export const DARK_CAMERA = 'simpang-cikokol';
export const TEMPLATES_ENV = 'PANTAU_TEST_TEMPLATES';

const builders: Record<TemplateName, (hub: Hub, config: Config, clock: { t: number }, sim: CameraSimulator) => Promise<void>> = {
  accounts: async (hub) => {
    await seedAccounts(hub.ctx);
  },
  demo: async (hub, config, clock, sim) => {
    await seedDemo(hub.ctx, { count: DEMO_REPORTS, days: DEMO_DAYS, now: new Date(clock.t) });
    await seedDemoIndicators(hub.ctx, new Date(clock.t));
    await darkenCamera(hub, config, sim, DARK_CAMERA, clock);
    const health = hub.ctx.store.cameras.list().map((c) => `${c.id}:${c.health}`);
    const expected = hub.ctx.store.cameras.list().map((c) => `${c.id}:${c.id === DARK_CAMERA ? 'offline' : 'online'}`);
    if (health.join() !== expected.join()) throw new Error(`template: cameras did not settle (${health.join(', ')})`);
  },
};

const SUBDIRS = ['media', 'cameras'];
/** Where a template is kept: `<root>/<name>/` with pantau.sqlite, media/ and cameras/, and `ready` once complete. */
const folder = (root: string, name: TemplateName) => join(root, name);

async function build(dir: string, name: TemplateName): Promise<void> {
  const clock = { t: Date.now() };
  // The hub is given the simulator's address (its cameras are probed there, not at the demo's port) and the
  // simulator the test's clock: its HLS cameras' playlists advance as the probes' clock does, or they read as frozen.
  const sim = await cameraSimulator(loadCity('tangerang'), clock);
  const { hub, config, dataDir } = await startTestHub({ cameraSimulatorUrl: sim.url }, { now: () => new Date(clock.t) });
  try {
    await builders[name](hub, config, clock, sim);
    mkdirSync(dir, { recursive: true });
    hub.ctx.store.saveCopy(join(dir, 'pantau.sqlite'));
  } finally {
    await hub.close();
    await sim.close();
  }
  for (const sub of SUBDIRS) if (existsSync(join(dataDir, sub))) cpSync(join(dataDir, sub), join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'ready'), new Date(clock.t).toISOString());
}

/** Builds the named templates under `root` (those not built yet). */
export async function buildTemplates(root: string, names: TemplateName[]): Promise<void> {
  for (const name of names) if (!existsSync(join(folder(root, name), 'ready'))) await build(folder(root, name), name);
}

const local = new Map<TemplateName, Promise<string>>();

/** The folder of a built template: the run's (PANTAU_TEST_TEMPLATES), else one this process builds once. */
export function templateFolder(name: TemplateName): Promise<string> {
  const root = process.env[TEMPLATES_ENV];
  if (root && existsSync(join(folder(root, name), 'ready'))) return Promise.resolve(folder(root, name));
  let made = local.get(name);
  if (!made) {
    const own = mkdtempSync(join(tmpdir(), 'pantau-templates-'));
    made = buildTemplates(own, [name]).then(() => folder(own, name));
    local.set(name, made);
  }
  return made;
}

/** A fresh data dir holding a copy of the template. */
export async function copyOfTemplate(name: TemplateName): Promise<string> {
  const from = await templateFolder(name);
  const dataDir = mkdtempSync(join(tmpdir(), 'pantau-'));
  cpSync(join(from, 'pantau.sqlite'), join(dataDir, 'pantau.sqlite'));
  for (const sub of SUBDIRS) if (existsSync(join(from, sub))) cpSync(join(from, sub), join(dataDir, sub), { recursive: true });
  return dataDir;
}
