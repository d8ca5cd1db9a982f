import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../server/config.js';
import { DEMO_ENV, ROOT, demoBanner, demoEnv, prepareDemo, startCameraSimulator, startRoomSimulators } from './demo-setup.js';
import { untilHealthy } from './cluster/start.js';

/**
 * The README's first command: build the front end, create and seed the SQLite file under data/,
 * start the hub and a citizen simulator, and print where to look.
 */
const config = loadConfig({ ...DEMO_ENV, ...process.env });
const children: ChildProcess[] = [];
const { wallToken, tokenFile } = await prepareDemo(config);

const env = demoEnv(config, wallToken);
children.push(startCameraSimulator(env));
const hub = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], { cwd: ROOT, env, stdio: 'inherit' });
children.push(hub);
hub.on('exit', (code) => {
  console.error(`hub stopped (${code}); stopping the demo`);
  stop(code ?? 1);
});

const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
await untilHealthy(base, 20_000);
children.push(...startRoomSimulators(base, env));
console.log(await demoBanner(config, base, wallToken, tokenFile));

function stop(code = 0) {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
