import { cityClock, wallClock } from '../../server/domain/time.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { CLIP, hlsSegments, livePlaylist } from './hls-clip.js';

export type CameraMode = 'ok' | 'slow' | 'frozen' | 'black' | 'dead';
export const MODES: readonly CameraMode[] = ['ok', 'slow', 'frozen', 'black', 'dead'];

const SLOW_MS = 4000;

/** Frames of the 'sequence' clock, rendered once per process and shared by every server in it. */
const SEQUENCE_FRAMES = 2;
const rendered = new Map<string, Promise<Buffer>>();
// Half size (320×180): a test's probes decode and shrink every frame with sharp; the picture only has to change.
const renderOnce = (name: string, second: number, black: boolean) => {
  const key = `${name}|${second}|${black}`;
  if (!rendered.has(key)) rendered.set(key, render(name, second, black, 0.5));
  return rendered.get(key)!;
};

/**
 * Cameras as the hub meets them on a network: a JPEG snapshot URL per camera whose picture changes over
 * time, and a control to make any camera slow, frozen, black or dead. Loopback only.
 *
 * `frames: 'clock'` (the demo): the picture moves with the wall clock, the camera's time burnt in. `'sequence'`
 * (tests): each snapshot of a working camera is the next of a few frames rendered once, so two snapshots in a row
 * always differ however fast they are asked for, and sharp does not encode a new frame for every probe.
 */
export async function startCameraServer(opts: {
  port: number;
  host?: string;
  cameras: { id: string; name: string }[];
  frames?: 'clock' | 'sequence';
  /**
   * Thousands of cameras (the bench): every camera shows one of this many frames rendered at start instead of
   * rendering its own scene, so the simulator does not eat the CPU the hub is being measured on. Each snapshot
   * of a camera is the next frame: the bench polls faster than its clock says, and a camera asked twice in one
   * second must not look frozen (at a real 5 s interval a working camera's picture has always moved on).
   */
  sharedFrames?: number;
  /** The cameras' clock for their live video (HLS media sequence): a test passes its own. */
  now?: () => number;
}) {
  const clock = opts.now ?? Date.now;
  /** A frozen camera's playlist stops where it froze. */
  const heldSequence = new Map<string, number>();
  const sequenceOf = (id: string) => {
    const live = Math.floor(clock() / 1000 / CLIP.seconds);
    if (modes.get(id) !== 'frozen') {
      heldSequence.delete(id);
      return live;
    }
    if (!heldSequence.has(id)) heldSequence.set(id, live);
    return heldSequence.get(id)!;
  };
  const modes = new Map<string, CameraMode>(opts.cameras.map((c) => [c.id, 'ok']));
  const names = new Map(opts.cameras.map((c) => [c.id, c.name]));
  const frames = new Map<string, { second: number; jpeg: Buffer }>();
  const shown = new Map<string, number>();
  // Rendered before the first probe: a probe's latency is then the network's, not sharp's (a slow answer counts
  // against a camera's health).
  if (opts.frames === 'sequence') await Promise.all(opts.cameras.flatMap((c) => [0, 1].map((n) => renderOnce(c.name, n * 7, false))).concat(renderOnce('', 0, true)));
  const pool: Buffer[] = [];
  for (let i = 0; i < (opts.sharedFrames ?? 0); i++) pool.push(await render(`Kamera ${i}`, i, false));
  const offsets = new Map(opts.cameras.map((c, i) => [c.id, i]));

  async function frame(id: string): Promise<Buffer> {
    const mode = modes.get(id);
    const held = frames.get(id);
    if (mode === 'frozen' && held) return held.jpeg;
    if (opts.frames === 'sequence') {
      const n = ((shown.get(id) ?? -1) + 1) % SEQUENCE_FRAMES;
      shown.set(id, n);
      const jpeg = await (mode === 'black' ? renderOnce('', 0, true) : renderOnce(names.get(id) ?? id, n * 7, false));
      frames.set(id, { second: n, jpeg });
      return jpeg;
    }
    const second = Math.floor(Date.now() / 1000);
    if (pool.length && mode !== 'black') {
      const n = (shown.get(id) ?? offsets.get(id) ?? 0) + 1;
      shown.set(id, n);
      const jpeg = pool[n % pool.length];
      frames.set(id, { second, jpeg });
      return jpeg;
    }
    if (held && held.second === second && mode !== 'black') return held.jpeg;
    const jpeg = await render(names.get(id) ?? id, second, mode === 'black');
    frames.set(id, { second, jpeg });
    return jpeg;
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://camera');
    const snap = /^\/cameras\/([a-z0-9-]+)\/snapshot\.jpg$/.exec(url.pathname);
    if (snap) {
      const id = snap[1];
      const mode = modes.get(id);
      if (!mode) return void res.writeHead(404).end();
      if (mode === 'dead') return void req.socket.destroy();
      if (mode === 'slow') await new Promise((r) => setTimeout(r, SLOW_MS));
      const jpeg = await frame(id);
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': jpeg.length, 'Cache-Control': 'no-store' });
      return void res.end(jpeg);
    }
    // Live video: a playlist whose window moves with the clock, and the looped clip's segments.
    const hls = /^\/cameras\/([a-z0-9-]+)\/(index\.m3u8|seg\/(\d+)\.ts)$/.exec(url.pathname);
    if (hls) {
      const id = hls[1];
      const mode = modes.get(id);
      if (!mode) return void res.writeHead(404).end();
      if (mode === 'dead') return void req.socket.destroy();
      const segments = await hlsSegments();
      if (!segments) return void res.writeHead(404).end('no ffmpeg: no live video');
      if (hls[2] === 'index.m3u8') {
        const body = livePlaylist(sequenceOf(id), (n) => `seg/${n}.ts`);
        return void res.writeHead(200, { 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'no-store' }).end(body);
      }
      const seg = segments[Number(hls[3]) % segments.length];
      return void res.writeHead(200, { 'Content-Type': 'video/mp2t', 'Content-Length': seg.length }).end(seg);
    }
    const control = /^\/control\/([a-z0-9-]+)$/.exec(url.pathname);
    if (control && req.method === 'POST') {
      const mode = url.searchParams.get('mode') as CameraMode;
      if (!modes.has(control[1]) || !MODES.includes(mode)) return void res.writeHead(400).end('unknown camera or mode');
      modes.set(control[1], mode);
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: control[1], mode }));
    }
    if (url.pathname === '/control') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(Object.fromEntries(modes)));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    setMode: (id: string, mode: CameraMode) => void modes.set(id, mode),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** A street scene that moves: traffic blobs drift with time and the camera's clock burns into the frame. */
async function render(name: string, second: number, black: boolean, scale = 1): Promise<Buffer> {
  const [w, h] = [640 * scale, 360 * scale];
  if (black) return sharp({ create: { width: w, height: h, channels: 3, background: '#030303' } }).jpeg({ quality: 60 }).toBuffer();
  const t = second % 60;
  const cars = Array.from({ length: 6 }, (_, i) => {
    const x = ((t * (8 + i * 3) + i * 110) % 720) - 40;
    const y = 230 + (i % 3) * 35;
    return `<rect x="${x}" y="${y}" width="60" height="22" rx="6" fill="${['#c0392b', '#ecf0f1', '#2c3e50', '#f1c40f', '#16a085', '#8e44ad'][i]}"/>`;
  }).join('');
  // A real camera burns in its wall-clock time (the simulator's cameras keep WIB).
  const clock = wallClock(second * 1000, cityClock('Asia/Jakarta')).toISOString().slice(11, 19);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 640 360">
    <rect width="640" height="200" fill="#7f9db9"/><rect y="200" width="640" height="160" fill="#555"/>
    <rect y="262" width="640" height="4" fill="#ddd" opacity="0.6"/>${cars}
    <rect width="640" height="34" fill="#000" opacity="0.55"/>
    <text x="12" y="24" font-family="DejaVu Sans" font-size="18" fill="#fff">${name.replace(/[<&>]/g, '')}</text>
    <text x="540" y="24" font-family="DejaVu Sans Mono" font-size="18" fill="#fff">${clock}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}
