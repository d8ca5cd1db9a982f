import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { probePlaylist, probeSnapshot, type LastFrame } from './camera-probe.js';
import type { CameraRow } from '../store/cameras.js';
import { CameraProber } from './camera-prober.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';

/** A camera that answers as it is told, to see what a probe makes of each answer over a real socket. */
let server: http.Server;
let base = '';
let jpeg: Buffer;
const seenAuth: (string | undefined)[] = [];

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 180, b: 160 } } }).jpeg().toBuffer();
  server = http.createServer((req, res) => {
    seenAuth.push(req.headers.authorization);
    if (req.url === '/ok.jpg') return res.end(jpeg);
    if (req.url === '/moved.jpg') return res.writeHead(302, { location: '/ok.jpg' }).end();
    if (req.url === '/big.jpg') {
      res.writeHead(200);
      const chunk = Buffer.alloc(1024 * 1024);
      let sent = 0;
      const more = () => {
        while (sent < 10 && res.write(chunk)) sent++;
        if (sent < 10) res.once('drain', more);
        else res.end();
      };
      return more();
    }
    if (req.url === '/hang.jpg') return; // never answers
    if (req.url === '/live.m3u8') return res.end('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:41\n#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n');
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const camera = (over: Partial<CameraRow>) => ({ id: 'cam-t', snapshotUrl: null, streamUrl: null, username: null, password: null, ...over }) as CameraRow;
const at = () => new Date('2026-12-03T01:00:00Z');
const opts = { snapshotsDir: '/nonexistent', timeoutMs: 2_000 };

describe('a probe over HTTP', () => {
  it('hashes and measures a good frame, sending the camera\'s credentials to the camera', async () => {
    const memory = new Map<string, LastFrame>();
    const { probe, frame } = await probeSnapshot(camera({ snapshotUrl: `${base}/ok.jpg`, username: 'op', password: 's3cret' }), opts, at, memory);
    expect(probe).toMatchObject({ ok: true, hash: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(probe.luma).toBeGreaterThan(150);
    expect(frame).toEqual(jpeg);
    expect(seenAuth.at(-1)).toBe(`Basic ${Buffer.from('op:s3cret').toString('base64')}`);
  });

  it('fails on a redirect, a missing frame, an oversized one (cut, not read to the end) and a camera that never answers', async () => {
    const look = (path: string, timeoutMs = 2_000) => probeSnapshot(camera({ snapshotUrl: `${base}${path}` }), { ...opts, timeoutMs }, at, new Map());
    expect((await look('/moved.jpg')).probe).toMatchObject({ ok: false, error: 'HTTP 302' });
    expect((await look('/gone.jpg')).probe).toMatchObject({ ok: false, error: 'HTTP 404' });
    expect((await look('/big.jpg')).probe).toMatchObject({ ok: false, error: 'snapshot of more than 8388608 bytes' });
    const hung = await look('/hang.jpg', 150);
    expect(hung.probe).toMatchObject({ ok: false, error: 'timeout' });
    expect(hung.probe.latencyMs).toBeGreaterThanOrEqual(140);
  });

  it('reads an HLS playlist\'s position, and fails on a refused connection', async () => {
    expect(await probePlaylist(camera({ streamUrl: `${base}/live.m3u8` }), opts, at)).toMatchObject({ ok: true, hash: 'hls:43' });
    const refused = await probePlaylist(camera({ streamUrl: 'http://127.0.0.1:1/live.m3u8' }), opts, at);
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('the prober thread', () => {
  it('probes and keeps the frame in its own thread; closing cuts a request under way and ends the thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pantau-prober-'));
    const prober = new CameraProber({ snapshotsDir: dir, timeoutMs: 30_000, log: pino({ level: 'silent' }) });
    const good = await prober.probe(camera({ id: 'cam-a', snapshotUrl: `${base}/ok.jpg` }), at().toISOString());
    expect(good).toMatchObject({ ok: true, at: at().toISOString() });
    expect(readFileSync(join(dir, 'cam-a.jpg'))).toEqual(jpeg);
    const hung = prober.probe(camera({ id: 'cam-b', snapshotUrl: `${base}/hang.jpg` }), at().toISOString());
    await new Promise((r) => setTimeout(r, 50));
    await prober.close();
    // Cut by the close, not by the camera's 30 s timeout.
    expect(await hung).toMatchObject({ ok: false, error: expect.stringMatching(/abort/i) });
    await expect(prober.probe(camera({ id: 'cam-a', snapshotUrl: `${base}/ok.jpg` }), at().toISOString())).rejects.toThrow('closed');
  });
});
