/**
 * Heavy-upload bench: a citizen's small report (one 640×480 photo) and /api/health, p50/p99, with no other load and
 * while six senders each post five 7000×7000 JPEGs over and over (within the caps), in one run; plus the hub's peak
 * RSS. Two hubs: as it is (the bounded photo queue, defaults) and with the queue opened wide (64 at once, no memory
 * budget, no line limit: close to the unbounded hub of before). Each hub is its own process (its RSS is its own),
 * on 127.0.0.1, with a temp data dir that is removed. Large senders honour Retry-After as the phone's outbox does.
 *
 *   tsx scripts/bench/heavy.ts [--small 20] [--senders 6] [--photos 5] [--max-seconds 45]
 * Prints figures and ratios; always exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type SharpOptions } from 'sharp';
import { scenePhoto } from '../simulate/scene-photo.js';
import { fmt, numericFlags, ratio, sleep, summarize, table } from './stats.js';
import { freePort } from '../cluster/free-port.js';

const ROOT = join(import.meta.dirname, '..', '..');
const flags = numericFlags({ small: 20, senders: 6, photos: 5, 'max-seconds': 45 }, 'usage: tsx scripts/bench/heavy.ts [--small 20] [--senders 6] [--photos 5] [--max-seconds 45]');



async function startHub(dataDir: string, env: Record<string, string>): Promise<{ proc: ChildProcess; url: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: String(port), PANTAU_DATA_DIR: dataDir, PANTAU_LOG_LEVEL: 'warn', PANTAU_CAMERA_MONITOR: 'off', PANTAU_DEADLINE_SCHEDULER: 'off',
      // One address sends everything here: the flood limit is not what is measured.
      PANTAU_RATE_REPORTS_PER_10MIN: '10000000', ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { proc, url };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  proc.kill('SIGKILL');
  throw new Error('hub did not start');
}

function form(photos: Buffer[], i: number): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ category: 'sampah', description: `Sampah menumpuk, laporan uji beban #${i}`, lat: '-6.1789', lon: '106.6312', reporterContact: '0812-0000' })) fd.set(k, v);
  for (const p of photos) fd.append('photos', new Blob([new Uint8Array(p)], { type: 'image/jpeg' }), 'foto.jpg');
  return fd;
}

const rssOf = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

type Phase = { small: number[]; smallStatus: Record<string, number>; health: number[]; peakRss: number; large: { done: number; busy: number; other: number } };

/** A citizen's small reports one after another, health every 200 ms, and (heavy) the large senders, until the small ones are done. */
async function phase(url: string, pid: number, heavy: boolean, small: Buffer, large: Buffer[]): Promise<Phase> {
  const out: Phase = { small: [], smallStatus: {}, health: [], peakRss: rssOf(pid), large: { done: 0, busy: 0, other: 0 } };
  let running = true;
  // At the end of the phase the large senders' requests in flight are dropped, not waited for.
  const stop = new AbortController();
  const deadline = Date.now() + flags['max-seconds'] * 1000;
  const sampler = (async () => {
    while (running) {
      out.peakRss = Math.max(out.peakRss, rssOf(pid));
      const t0 = performance.now();
      try {
        await fetch(`${url}/api/health`);
        out.health.push(performance.now() - t0);
      } catch {
        /* counted as missing */
      }
      await sleep(200);
    }
  })();
  const senders = heavy
    ? Array.from({ length: flags.senders }, async (_, s) => {
        for (let i = 0; running; i++) {
          try {
            const res = await fetch(`${url}/api/reports`, { method: 'POST', body: form(large, 10_000 * (s + 1) + i), signal: stop.signal });
            await res.arrayBuffer();
            if (res.status === 201) out.large.done++;
            else if (res.status === 503) {
              out.large.busy++;
              await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
            } else out.large.other++;
          } catch {
            if (running) out.large.other++;
          }
        }
      })
    : [];
  // Let the large senders get going before the citizen's first report.
  if (heavy) await sleep(3000);
  for (let i = 0; i < flags.small && Date.now() < deadline; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/reports`, { method: 'POST', body: form([small], i) });
    await res.arrayBuffer();
    out.small.push(performance.now() - t0);
    out.smallStatus[res.status] = (out.smallStatus[res.status] ?? 0) + 1;
    await sleep(100);
  }
  running = false;
  stop.abort();
  await Promise.all([sampler, ...senders]);
  return out;
}

const root = mkdtempSync(join(tmpdir(), 'pantau-bench-heavy-'));
const procs: ChildProcess[] = [];
try {
  const small = await scenePhoto('sampah', 7, 640, 480);
  // 7000×7000 with detail (smoothed noise), as a camera card's photo: within the 50 Mpx and 12 MB caps.
  const base = await sharp({ create: { width: 700, height: 700, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 60 } } } as SharpOptions).png().toBuffer();
  const large = await Promise.all(
    Array.from({ length: flags.photos }, (_, i) => sharp(base).resize(7000, 7000, { kernel: 'cubic' }).modulate({ hue: 20 * i }).jpeg({ quality: 85 }).toBuffer()),
  );
  console.log(
    `heavy-upload bench: ${flags.small} small reports (640×480, ${small.length.toLocaleString('en')} B) one after another; heavy = ${flags.senders} senders × ` +
      `${flags.photos} JPEGs of 7000×7000 (${(large[0].length / 1e6).toFixed(1)} MB each) per request, again and again; node ${process.version}, ${cpus().length} CPUs`,
  );
  const variants: [string, Record<string, string>][] = [
    ['bounded queue (now, defaults)', {}],
    ['queue opened wide (≈ before)', { PANTAU_PHOTO_CONCURRENCY: '64', PANTAU_PHOTO_MEMORY_MB: '1000000', PANTAU_PHOTO_QUEUE: '100000' }],
  ];
  const rows: string[][] = [];
  const results: Record<string, { quiet: Phase; heavy: Phase }> = {};
  for (const [name, env] of variants) {
    const { proc, url } = await startHub(join(root, name.replace(/\W+/g, '-')), env);
    procs.push(proc);
    const quiet = await phase(url, proc.pid!, false, small, large);
    const heavy = await phase(url, proc.pid!, true, small, large);
    results[name] = { quiet, heavy };
    // Photo work still queued from the dropped requests is of no interest: the hub goes at once.
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    for (const [label, p] of [['none', quiet], ['heavy uploads', heavy]] as const) {
      const s = summarize(p.small);
      const h = summarize(p.health);
      rows.push([
        name, label, `${p.small.length} (${Object.entries(p.smallStatus).map(([k, v]) => `${k}×${v}`).join(' ')})`, fmt(s.p50, 0), fmt(s.p99, 0), fmt(h.p50, 1), fmt(h.p99, 1), fmt(h.max, 0),
        `${Math.round(p.peakRss / 1e6)}`, label === 'none' ? '' : `${p.large.done} / ${p.large.busy} / ${p.large.other}`,
        label === 'none' ? '' : ratio(s.p50, summarize(quiet.small).p50),
      ]);
      console.log(`  ${rows.at(-1)!.join(' | ')}`);
    }
  }
  console.log('');
  console.log(table(['hub', 'other load', 'small reports (status)', 'p50 ms', 'p99 ms', 'health p50', 'health p99', 'health max', 'peak RSS MB', 'large 201 / 503 / other', 'small p50 vs none'], rows));
  console.log('  small report: POST /api/reports with one 640×480 photo, at the client; health: GET /api/health every 200 ms meanwhile.');
  console.log('  large senders wait the Retry-After of a 503 before sending again, as the phone outbox does.');
} finally {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
