import { startCameraServer } from '../simulate/camera-server.js';

/**
 * The camera benches' simulated cameras in a process of their own (camera-hub.ts starts it): the cameras a hub polls
 * are other machines, so serving them must not take the CPU the hub's threads are measured on. `cam-0` … `cam-<n-1>`,
 * frames shared and pre-rendered; prints its URL on its first line, ends on SIGTERM.
 */
const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n < 1) throw new Error('usage: tsx scripts/bench/camera-sim-process.ts <cameras>');
const sim = await startCameraServer({ port: 0, cameras: Array.from({ length: n }, (_, i) => ({ id: `cam-${i}`, name: `Kamera ${i}` })), sharedFrames: 60 });
console.log(sim.url);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
