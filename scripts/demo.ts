import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../server/config.js';
import { cityConfigs, cityWallToken, provinceConfig } from '../server/installation.js';
import { DEMO_ENV, ROOT, demoBanner, demoEnv, prepareDemo, provinceBanner, startCameraSimulator, startRoomSimulators } from './demo-setup.js';
import { untilHealthy } from './cluster/start.js';

/**
 * The README's first command: build the front end, create and seed the SQLite file under data/,
 * start the hub and a citizen simulator, and print where to look. With PANTAU_CITIES, every city of the list in one
 * hub process, each on its own port, store and simulators.
 */
const config = loadConfig({ ...DEMO_ENV, ...process.env });
const cities = cityConfigs(config);
const children: ChildProcess[] = [];
const { wallToken, tokenFile } = await prepareDemo(config, cities);

const env = demoEnv(config, wallToken);
children.push(startCameraSimulator(env));
const hub = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], { cwd: ROOT, env, stdio: 'inherit' });
children.push(hub);
hub.on('exit', (code) => {
  console.error(`hub stopped (${code}); stopping the demo`);
  stop(code ?? 1);
});

const loopback = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
const banners: string[] = [];
for (const city of cities) {
  const base = `http://${loopback}:${city.port}`;
  await untilHealthy(base, 20_000);
  // Each city's simulators file and dispatch in that city only.
  const { PANTAU_CITIES: _, ...cityEnv } = env;
  children.push(...startRoomSimulators(base, { ...cityEnv, PANTAU_CITY: city.city }));
  // Several cities: each its own wall token, made from the installation's (server/installation.ts cityWallToken).
  const own = cities.length > 1 ? cityWallToken(wallToken, city.city) : wallToken;
  banners.push(await demoBanner(city, browserBase(city.city, base), own, cities.length > 1 ? '' : tokenFile, cities.length > 1 ? `Pantau — ${city.city}, data in ${city.dataDir}/` : undefined));
}
console.log(banners.join(''));
if (cities.length > 1) {
  const province = provinceConfig(config);
  const base = `http://${loopback}:${province.port}`;
  await untilHealthy(base, 20_000);
  console.log(await provinceBanner(config, browserBase('provinsi', base), base, cityWallToken(wallToken, 'provinsi')));
  console.log(`  ${cities.length} cities and their province in one hub process. Ctrl+C stops everything.\n`);
}

/**
 * Several cities on one loopback address: each is opened at <city>.localhost (browsers and curl take any
 * *.localhost for loopback), so each keeps its own login cookie; a cookie is kept per host, not per port.
 */
function browserBase(city: string, base: string): string {
  return cities.length > 1 && (loopback === '127.0.0.1' || loopback === 'localhost') ? `http://${city}.localhost:${new URL(base).port}` : base;
}

function stop(code = 0) {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
