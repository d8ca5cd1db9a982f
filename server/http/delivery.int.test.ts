import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get as httpGet } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { SqliteHub as Hub } from '../hub.js';
import { startTestHub } from '../testing/hub.js';

// Phones on mobile data: what the hub sends a browser, byte for byte (node:http, so nothing decodes behind our back).
let hub: Hub;
let url: string;
const script = `export const words = ${JSON.stringify('Laporan warga '.repeat(2000))};\n`;

beforeAll(async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'pantau-dist-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), `<!doctype html><html><head><script type="module" src="/assets/main-abc123.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`);
  writeFileSync(join(staticDir, 'assets', 'main-abc123.js'), script);
  ({ hub, url } = await startTestHub({ staticDir }));
});
afterAll(() => hub?.close());

function fetchRaw(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(`${url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('what a phone downloads', () => {
  it('scripts go brotli to a browser that takes it, gzip to one that takes only gzip, plain to one that takes neither', async () => {
    const br = await fetchRaw('/assets/main-abc123.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 10);
    const gz = await fetchRaw('/assets/main-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await fetchRaw('/assets/main-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('hashed assets are cached for a year and never revalidated; index.html is revalidated on every load', async () => {
    const asset = await fetchRaw('/assets/main-abc123.js', 'br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/lapor', '/field', '/lacak/TNG-2026-000001', '/ringkas']) {
      const page = await fetchRaw(path, 'br');
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-encoding']).toBe('br');
    }
  });

  it('JSON answers and the city’s boundaries are compressed too', async () => {
    const profile = await fetchRaw('/api/profile', 'gzip, br');
    expect(profile.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(profile.body).toString()).agencies.length).toBeGreaterThan(0);
    const geo = await fetchRaw('/geo/tangerang/kecamatan.geojson', 'gzip, br');
    expect(geo.status).toBe(200);
    expect(geo.headers['content-encoding']).toBe('br');
  });

  // Every screen comes up under this policy with no violation: the newcomer walk (e2e) watches for them in chromium.
  it('pages and answers carry the security headers: framed only by the hub itself, no sniffing, no referrer abroad', async () => {
    for (const path of ['/', '/api/health']) {
      const res = await fetchRaw(path);
      expect(res.headers['x-frame-options'], path).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('same-origin');
      const csp = String(res.headers['content-security-policy']);
      expect(csp, path).toMatch(/frame-ancestors 'self'/);
      expect(csp, path).toMatch(/worker-src 'self' blob:/);
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      // A LAN wall at http://10.x.x.x must not be sent to https:// it does not have.
      expect(csp, path).not.toMatch(/upgrade-insecure-requests/);
    }
  });
});
