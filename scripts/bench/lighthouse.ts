/**
 * Lighthouse 12 (mobile, simulated slow 4G and a 4× slower CPU: its default) on the phone pages of a local hub:
 * /lapor (a citizen files a report), /lacak/<ticket> of a verified report (its proof photo), /field signed in as a
 * field supervisor (the jobs), /ringkas signed in as a supervisor (the mayor's summary). Prints performance and
 * accessibility per page and the metrics behind performance. Goal: ≥ 95 performance, 100 accessibility.
 *
 *   npx vite build && tsx scripts/bench/lighthouse.ts [--runs 1]
 * Uses Debian's chromium with the e2e flags; asserts nothing, exits 0 unless something breaks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startTestHub } from '../../server/testing/hub.js';
import { seedDemo } from '../seed.js';
import { DEMO_PASSWORD, seedAccounts } from '../seed-accounts.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../e2e/browser.js';
import { numericFlags, stopGuard, summarize, table } from './stats.js';

const flags = numericFlags({ runs: 1, reports: 120 }, 'usage: tsx scripts/bench/lighthouse.ts [--runs 1] [--reports 120]');
const ROOT = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'pantau-bench-lighthouse-'));
let chrome: chromeLauncher.LaunchedChrome | null = null;
const { hub, url } = await startTestHub({ dataDir, staticDir: join(ROOT, 'dist') });
const cleanup = async () => {
  chrome?.kill();
  await hub.close();
  rmSync(dataDir, { recursive: true, force: true });
};
stopGuard('lighthouse bench', cleanup, 30 * 60_000);

await seedAccounts(hub.ctx);
await seedDemo(hub.ctx, { count: Math.floor(flags.reports), days: 14, now: new Date() });
const verified = hub.ctx.store.reports.queuePage({ statuses: ['verified'] }, { limit: 1 })[0];
if (!verified) throw new Error('the seed made no verified report');

async function cookie(username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0];
}
const field = hub.ctx.store.accounts.list().find((a) => a.role === 'field')!;
const pages: { name: string; path: string; cookie?: string }[] = [
  { name: '/lapor', path: '/lapor' },
  { name: '/lacak (verified)', path: `/lacak/${verified.ticket}` },
  { name: '/field (signed in)', path: '/field', cookie: await cookie(field.username) },
  { name: '/ringkas (signed in)', path: '/ringkas', cookie: await cookie('supervisor') },
];

// A busy machine starts chromium slowly: wait up to a minute for its debugging port. --no-sandbox as Playwright
// adds it: chromium refuses to start its sandbox as root (the CI box).
chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', ...CHROMIUM_ARGS], maxConnectionRetries: 120, connectionPollInterval: 500 });
const rows: string[][] = [];
for (const p of pages) {
  const perf: number[] = [];
  const a11y: number[] = [];
  let metrics = '';
  for (let i = 0; i < flags.runs; i++) {
    const result = await lighthouse(`${url}${p.path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      ...(p.cookie ? { extraHeaders: { Cookie: p.cookie } } : {}),
    });
    if (!result) throw new Error(`lighthouse gave nothing for ${p.path}`);
    const { categories, audits } = result.lhr;
    // A page Lighthouse could not measure says why, instead of scoring 0 in silence.
    if (result.lhr.runtimeError) console.log(`  ${p.name}: ${result.lhr.runtimeError.code} — ${result.lhr.runtimeError.message}`);
    for (const id of ['first-contentful-paint', 'largest-contentful-paint']) if (audits[id]?.errorMessage) console.log(`  ${p.name}: ${id} — ${audits[id].errorMessage}`);
    perf.push(Math.round((categories.performance.score ?? 0) * 100));
    a11y.push(Math.round((categories.accessibility.score ?? 0) * 100));
    const ms = (id: string) => audits[id]?.displayValue ?? '—';
    metrics = `FCP ${ms('first-contentful-paint')} · LCP ${ms('largest-contentful-paint')} · TBT ${ms('total-blocking-time')} · CLS ${ms('cumulative-layout-shift')}`;
    for (const a of Object.values(audits)) {
      if (a.score !== null && a.score < 1 && categories.accessibility.auditRefs.some((r) => r.id === a.id)) console.log(`  ${p.name}: accessibility ${a.id} — ${a.title}`);
    }
    const transfer = (audits['total-byte-weight']?.numericValue ?? 0) / 1024;
    metrics += ` · ${Math.round(transfer)} KiB`;
  }
  const s = (xs: number[]) => (xs.length === 1 ? String(xs[0]) : `${summarize(xs).p50} (min ${Math.min(...xs)})`);
  rows.push([p.name, s(perf), s(a11y), metrics]);
}
console.log(table(['page', 'performance', 'accessibility', 'metrics (last run)'], rows));
await cleanup();
process.exit(0);
