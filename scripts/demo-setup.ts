import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../server/config.js';
import { openSeedStore, seedDemo } from './seed.js';
import { seedDemoIndicators } from './seed-indicators.js';
import { DEMO_PASSWORD, seedAccounts } from './seed-accounts.js';
import { provinceConfig } from '../server/installation.js';
import { provinceCity } from '../server/province/city.js';
import { loadCity } from '../server/profile/load.js';

/** What `npm run demo` and `npm run demo:cluster` share: the build, the seeded store, the simulators, the banner. */
export const ROOT = join(import.meta.dirname, '..');
// The citizen simulator files from one loopback address every few seconds: the demo hub lets it.
export const DEMO_ENV = { PANTAU_RATE_REPORTS_PER_10MIN: '100000' };

/**
 * Builds the front end (unless PANTAU_SKIP_BUILD=1), seeds each city's store once, and keeps the wall token; returns
 * it. `cities`: each city's config of an installation of several (server/installation.ts); they share the one token.
 */
export async function prepareDemo(config: Config, cities: Config[] = [config]): Promise<{ wallToken: string; tokenFile: string }> {
  if (process.env.PANTAU_SKIP_BUILD !== '1') {
    console.log('Building the front end (vite)…');
    const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  mkdirSync(config.dataDir, { recursive: true });
  const tokenFile = join(config.dataDir, 'wall-token.txt');
  const wallToken = config.wallToken ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : randomBytes(24).toString('base64url'));
  writeFileSync(tokenFile, wallToken, { mode: 0o600 });
  for (const city of cities) await seedCityOnce(city, cities.length > 1);
  if (cities.length > 1) {
    // The province's own store: its admin and supervisor (the wall token pairs its wall when the hub starts).
    const { ctx, close } = await openSeedStore(provinceConfig(config), provinceOf(config));
    await seedAccounts(ctx);
    await close();
  }
  return { wallToken, tokenFile };
}

/** The province of an installation of several cities, as its hub makes it. */
export const provinceOf = (config: Config) => provinceCity(config.cities.map((c) => loadCity(c)), config.provinceName);

/** Demo accounts, a month of reports and a year of indicators, each only where the store has none yet. */
async function seedCityOnce(config: Config, named: boolean) {
  mkdirSync(config.dataDir, { recursive: true });
  const { ctx, close } = await openSeedStore(config);
  if ((await ctx.store.query((p) => p.accounts.accounts())).length === 0) await seedAccounts(ctx);
  if ((await ctx.store.query((p) => p.reads.queueCount({}, 1))) === 0) {
    const count = Number(process.env.PANTAU_DEMO_REPORTS ?? 400);
    console.log(`Seeding ${count} demo reports over the last 30 days${named ? ` in ${config.city}` : ''}…`);
    await seedDemo(ctx, { count, days: 30, now: new Date() });
  }
  // A year of budget, procurement and project figures for /wall/indikator and /ringkas (once).
  await seedDemoIndicators(ctx, new Date());
  await close();
}

/**
 * The environment the hubs and simulators run with: the data dir as resolved here (a relative PANTAU_DATA_DIR means
 * relative to where the demo was started), the wall token, and the camera simulator's address.
 */
export function demoEnv(config: Config, wallToken: string): NodeJS.ProcessEnv {
  return {
    ...DEMO_ENV,
    ...process.env,
    PANTAU_WALL_TOKEN: wallToken,
    PANTAU_DATA_DIR: config.dataDir,
    PANTAU_CAMERA_SIMULATOR_URL: process.env.PANTAU_CAMERA_SIMULATOR_URL ?? `http://127.0.0.1:${process.env.PANTAU_CAMERA_SIMULATOR_PORT ?? 8091}`,
  };
}

/** The city's cameras, served on loopback; now and then one goes dark, frozen or black for a while. */
export function startCameraSimulator(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/simulate-cameras.ts'), '--chaos'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Citizens file reports; the room's operators check and dispatch them: the wall is alive at once. */
export function startRoomSimulators(base: string, env: NodeJS.ProcessEnv): ChildProcess[] {
  return ['simulate-citizens.ts', 'simulate-room.ts'].map((script) =>
    spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', script), '--url', base], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
}

/** The province's screens and logins, as printed after every city's. */
export async function provinceBanner(config: Config, base: string, open311Base: string, wallToken: string): Promise<string> {
  const province = provinceOf(config);
  const { ctx, close } = await openSeedStore(provinceConfig(config), province);
  const accounts = await ctx.store.query((p) => p.accounts.accounts());
  await close();
  return `
  Pantau — ${province.profile.name}: every city (${config.cities.join(', ')}), data in ${provinceConfig(config).dataDir}/

    Province wall:        ${base}/wall/provinsi?display=${wallToken}
    Admin:                ${base}/admin          (the province's accounts and displays)
    Open311, every city:  ${open311Base}/open311/v2/discovery.json   (jurisdiction_id=${config.cities[0]}, …; each city's own API key)

  Province logins — password ${DEMO_PASSWORD}: ${accounts.map((a) => `${a.username} (${a.role})`).join(', ')}
    These are the province's own: they sign in at the province's address only, as each city's do at its own.
`;
}

/** The URLs and demo logins, as printed once everything is up. */
export async function demoBanner(config: Config, base: string, wallToken: string, tokenFile: string, heading = `Pantau is running — ${config.city}, data in ${config.dataDir}/`): Promise<string> {
  const { ctx, close } = await openSeedStore(config);
  const accounts = await ctx.store.query((p) => p.accounts.accounts());
  await close();
  const loginLines = accounts.map((a) => `    ${a.username.padEnd(22)} ${a.role}${a.agencyId ? ` (${a.agencyId})` : ''}`).join('\n');
  return `
  ${heading}

  Wall screens (paired by the display token the first time; the browser keeps it):
    Report map:           ${base}/wall?display=${wallToken}
    … in English:         ${base}/wall?display=${wallToken}&lang=en
    CCTV cameras:         ${base}/wall/kamera?display=${wallToken}
    Agency performance:   ${base}/wall/kinerja?display=${wallToken}
    Indicators:           ${base}/wall/indikator?display=${wallToken}
    Assigned layout:      ${base}/wall/layar?display=${wallToken}   (set it at ${base}/console/layar)
    Replay of a day:      ${base}/wall/putar-ulang?display=${wallToken}

  Console (operators):    ${base}/console        performance: ${base}/console/kinerja
  Admin:                  ${base}/admin          (accounts, displays, API keys)
  Mayor's phone summary:  ${base}/ringkas
  Field supervisors:      ${base}/field
  Citizens:               ${base}/lapor          tracking: ${base}/lacak/<ticket>
  Open311 GeoReport v2:   ${base}/open311/v2/discovery.json   (an API key from /admin to file)
  API for integrators:    ${base}/api/docs       (OpenAPI 3.1: ${base}/api/openapi.json)
  Health:                 ${base}/api/health

  Demo logins — password for every account: ${DEMO_PASSWORD}
${loginLines}
    wall display token:   ${wallToken}   (${tokenFile === '' ? 'this city\'s, made from the installation\'s' : `also in ${tokenFile}`})

  Simulators: citizens file a report every few seconds; the room's operators check and dispatch them;
  ${config.city}'s CCTV cameras are served on loopback (one misbehaves now and then).
  Ctrl+C stops everything.
`;
}
