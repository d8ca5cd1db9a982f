import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadConfig } from '../../server/config.js';
import { createHub, sqliteHub } from '../../server/hub.js';
import { submitReport } from '../../server/commands/submit-report.js';
import { actOnReport } from '../../server/commands/act-on-report.js';
import { DEMO_PASSWORD, seedAccounts } from '../seed-accounts.js';
import { scenePhoto } from '../simulate/scene-photo.js';
import { closedLoop, fmt, numericFlags, ratio, summarize, table } from './stats.js';

/**
 * Proof photos per second through POST /api/field/jobs/:id/proof (session check, multipart, sharp, EXIF facts,
 * idempotency record, event + projection, broadcast) beside bare sharp doing the same resizes, in the same run.
 */
const flags = numericFlags({ proofs: 120, concurrency: 4, rounds: 2 }, 'usage: tsx scripts/bench/proof.ts [--proofs 120] [--concurrency 4] [--rounds 2]');
const N = Math.floor(flags.proofs);
const C = Math.floor(flags.concurrency);
const R = Math.floor(flags.rounds);

const root = mkdtempSync(join(tmpdir(), 'pantau-bench-proof-'));
const hub = sqliteHub(await createHub(loadConfig({}, { port: 0, dataDir: root, dbFile: join(root, 'pantau.sqlite'), mediaDir: join(root, 'media'), staticDir: null, logLevel: 'silent' })));
try {
  const port = await hub.listen();
  const url = `http://127.0.0.1:${port}`;
  const accounts = await seedAccounts(hub.ctx);
  const field = accounts.fieldOf('dkp', 1);
  const operator = accounts.operatorOf('dkp');
  const small = await scenePhoto('sampah', 1, 320, 240);
  const jobs: number[] = [];
  for (let i = 0; i < N * R; i++) {
    const r = await submitReport(hub.ctx, operator, { category: 'sampah', description: 'Sampah menumpuk untuk uji', lat: -6.1789, lon: 106.6312, channel: 'phone' }, [small]);
    if (!r.ok) throw new Error(r.message);
    await actOnReport(hub.ctx, operator, r.value.id, { action: 'dispatch', assigneeId: field.id });
    jobs.push(r.value.id);
  }
  // A phone camera's photo after the field page's downscale: about 1600 px on the long edge.
  const photos = await Promise.all(Array.from({ length: 16 }, (_, i) => scenePhoto('sampah', 1000 + i, 1600, 1200, { fixed: true })));
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pengawas.dkp.1', password: DEMO_PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];

  let next = 0;
  const hubRun = async () => {
    const failures: string[] = [];
    const result = await closedLoop(N, C, 120_000, async (i) => {
      const id = jobs[next++];
      const fd = new FormData();
      fd.set('clientId', `bench-proof-${id}`);
      fd.set('lat', '-6.1789');
      fd.set('lon', '106.6312');
      fd.append('photos', new Blob([new Uint8Array(photos[i % photos.length])], { type: 'image/jpeg' }), 'bukti.jpg');
      const t0 = performance.now();
      const res = await fetch(`${url}/api/field/jobs/${id}/proof`, { method: 'POST', body: fd, headers: { cookie } });
      if (res.status !== 200) failures.push(`${res.status} ${await res.text()}`);
      else await res.arrayBuffer();
      return performance.now() - t0;
    });
    if (failures.length) throw new Error(`hub refused ${failures.length} proofs: ${failures[0]}`);
    return result;
  };
  const bareRun = () =>
    closedLoop(N, C, 120_000, async (i) => {
      const t0 = performance.now();
      const input = photos[i % photos.length];
      await sharp(input).rotate().resize(1600, 1600, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
      await sharp(input).rotate().resize(360, 360, { fit: 'cover' }).webp({ quality: 70 }).toBuffer();
      return performance.now() - t0;
    });

  const rows: Record<string, { rate: number[]; lat: number[] }> = { hub: { rate: [], lat: [] }, bare: { rate: [], lat: [] } };
  await bareRun(); // warm libvips
  for (let r = 0; r < R; r++) {
    // Alternate the order so background load falls on both alike.
    for (const which of r % 2 ? (['bare', 'hub'] as const) : (['hub', 'bare'] as const)) {
      const res = which === 'hub' ? await hubRun() : await bareRun();
      rows[which].rate.push((res.done / res.elapsedMs) * 1000);
      rows[which].lat.push(...res.latencies);
    }
  }
  const rate = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const hubS = summarize(rows.hub.lat);
  const bareS = summarize(rows.bare.lat);
  console.log(`proof bench: ${N} proofs × ${R} rounds, concurrency ${C}, one 1600×1200 JPEG per proof; node ${process.version}\n`);
  console.log(
    table(
      ['name', 'photos/s', 'p50 ms', 'p99 ms', 'hub/this'],
      [
        ['hub POST /api/field/jobs/:id/proof', fmt(rate(rows.hub.rate)), fmt(hubS.p50), fmt(hubS.p99), ''],
        ['bare sharp: rotate + 1600 webp + 360 thumb', fmt(rate(rows.bare.rate)), fmt(bareS.p50), fmt(bareS.p99), ratio(rate(rows.hub.rate), rate(rows.bare.rate))],
      ],
    ),
  );
  const stored = hub.ctx.store.events.since(0, 1e7).filter((e) => e.type === 'report.proof_submitted').length;
  console.log(`\nproofs stored: ${stored} (expected ${N * R})`);
} finally {
  await hub.close();
  rmSync(root, { recursive: true, force: true });
}
process.exit(0);
