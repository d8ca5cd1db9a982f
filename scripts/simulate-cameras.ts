import { parseArgs } from 'node:util';
import { loadCity } from '../server/profile/load.js';
import { startCameraServer } from './simulate/camera-server.js';

/**
 * Serves the cameras of the city profile, or of each city of an installation of several (`--city a,b`, or
 * PANTAU_CITIES), on loopback. Make one misbehave:
 *   curl -X POST 'http://127.0.0.1:8091/control/<camera-id>?mode=dead'   (ok | slow | frozen | black | dead)
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PANTAU_CAMERA_SIMULATOR_PORT ?? '8091' },
    city: { type: 'string', default: process.env.PANTAU_CITIES || process.env.PANTAU_CITY || 'tangerang' },
    chaos: { type: 'boolean', default: false },
  },
});
const cams = values.city!.split(',').flatMap((id) => loadCity(id.trim()).profile.cameras.map((c) => ({ id: c.id, name: c.name })));
// One server for every city: a camera id two cities share would be one camera to it.
const twice = cams.find((c, i) => cams.findIndex((d) => d.id === c.id) !== i);
if (twice) throw new Error(`camera ${twice.id} is in two of the cities ${values.city}; give it another id in one profile`);
const sim = await startCameraServer({ port: Number(values.port), cameras: cams });
console.log(`[cameras] ${cams.length} cameras at ${sim.url}/cameras/<id>/snapshot.jpg; control: POST ${sim.url}/control/<id>?mode=dead`);

// In the demo one camera at a time goes wrong for a while, so the wall's alerts have something to show.
if (values.chaos && cams.length) {
  const modes = ['dead', 'frozen', 'black', 'slow'] as const;
  let i = 0;
  setInterval(() => {
    const cam = cams[Math.floor(Math.random() * cams.length)];
    const mode = modes[i++ % modes.length];
    sim.setMode(cam.id, mode);
    console.log(`[cameras] ${cam.id} → ${mode}`);
    setTimeout(() => sim.setMode(cam.id, 'ok'), 90_000);
  }, 150_000).unref();
}
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
process.on('SIGINT', () => void sim.close().then(() => process.exit(0)));
