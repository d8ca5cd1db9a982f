import { cityClock, wallClock, type CityClock } from '../../server/domain/time.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export type CameraMode = 'ok' | 'slow' | 'frozen' | 'black' | 'dead';
export const MODES: readonly CameraMode[] = ['ok', 'slow', 'frozen', 'black', 'dead'];

const SLOW_MS = 4000;

/**
 * Cameras as the hub meets them on a network: a JPEG snapshot URL per camera whose picture changes over
 * time, and a control to make any camera slow, frozen, black or dead. Loopback only.
 */
export async function startCameraServer(opts: { port: number; host?: string; cameras: { id: string; name: string }[]; clock?: CityClock }) {
  const burnedClock = opts.clock ?? cityClock('Asia/Jakarta');
  const modes = new Map<string, CameraMode>(opts.cameras.map((c) => [c.id, 'ok']));
  const names = new Map(opts.cameras.map((c) => [c.id, c.name]));
  const frames = new Map<string, { second: number; jpeg: Buffer }>();

  async function frame(id: string): Promise<Buffer> {
    const mode = modes.get(id);
    const held = frames.get(id);
    if (mode === 'frozen' && held) return held.jpeg;
    const second = Math.floor(Date.now() / 1000);
    if (held && held.second === second && mode !== 'black') return held.jpeg;
    const jpeg = await render(names.get(id) ?? id, second, mode === 'black', burnedClock);
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
async function render(name: string, second: number, black: boolean, c: CityClock): Promise<Buffer> {
  if (black) return sharp({ create: { width: 640, height: 360, channels: 3, background: '#030303' } }).jpeg({ quality: 60 }).toBuffer();
  const t = second % 60;
  const cars = Array.from({ length: 6 }, (_, i) => {
    const x = ((t * (8 + i * 3) + i * 110) % 720) - 40;
    const y = 230 + (i % 3) * 35;
    return `<rect x="${x}" y="${y}" width="60" height="22" rx="6" fill="${['#c0392b', '#ecf0f1', '#2c3e50', '#f1c40f', '#16a085', '#8e44ad'][i]}"/>`;
  }).join('');
  // A real camera burns in the city's wall-clock time.
  const clock = wallClock(second * 1000, c).toISOString().slice(11, 19);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
    <rect width="640" height="200" fill="#7f9db9"/><rect y="200" width="640" height="160" fill="#555"/>
    <rect y="262" width="640" height="4" fill="#ddd" opacity="0.6"/>${cars}
    <rect width="640" height="34" fill="#000" opacity="0.55"/>
    <text x="12" y="24" font-family="DejaVu Sans" font-size="18" fill="#fff">${name.replace(/[<&>]/g, '')}</text>
    <text x="540" y="24" font-family="DejaVu Sans Mono" font-size="18" fill="#fff">${clock}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}
