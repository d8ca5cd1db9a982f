import { parseArgs } from 'node:util';

/** Shared helpers for the benches: percentiles, a plain-text table, flags with env fallbacks, a shared clock. */

export type Summary = { n: number; p50: number; p99: number; max: number; mean: number };

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** p50/p99/max/mean of the finite values given (NaN marks a missing sample and is skipped). */
export function summarize(values: ArrayLike<number>): Summary {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const sorted = Float64Array.from(finite).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

/** fn timed `repeats` times after one run to warm it (statements prepared, pages cached), in ms. */
/** timed for a function that answers with a promise: each run awaited. */
export async function timedAsync(repeats: number, fn: () => Promise<unknown>): Promise<Summary> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return summarize(xs);
}

export function timed(repeats: number, fn: () => unknown): Summary {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return summarize(xs);
}

/** A number for a table cell: fixed digits, thousands grouped, '-' for NaN/undefined. */
export function fmt(v: number | undefined | null, digits = 1): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '-';
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** a/b as "0.42×", or '-' when either side is missing. */
export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '-';
  const q = a / b;
  return `${fmt(q, q >= 0.1 ? 2 : q >= 0.01 ? 3 : 4)}×`;
}

/** A plain-text table: text columns left-aligned, numeric-looking columns right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[-\d.,×%]*$/.test(r[i] ?? '')));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Numeric flags: `--name 10` or `--name=10`, else env BENCH_NAME (dashes become underscores), else the default.
 * Anything else on the command line, or a value that is not a positive number, stops the bench with usage.
 */
export function numericFlags<T extends Record<string, number>>(defaults: T, usage: string): T {
  const options = Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: 'string' as const }]));
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ options: { ...options, help: { type: 'boolean' } }, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const out: Record<string, number> = {};
  for (const [k, def] of Object.entries(defaults)) {
    const given = values[k];
    const raw = typeof given === 'string' ? given : process.env[`BENCH_${k.toUpperCase().replace(/-/g, '_')}`];
    const v = raw === undefined ? def : Number(raw);
    // A flag whose default is 0 is a switch (0 or more); any other must be positive.
    if (!Number.isFinite(v) || v < 0 || (v === 0 && def !== 0)) {
      console.error(`--${k} must be a ${def === 0 ? 'non-negative' : 'positive'} number (got ${raw})\n${usage}`);
      process.exit(2);
    }
    out[k] = v;
  }
  return out as T;
}

/**
 * Milliseconds on the system-wide monotonic clock (process.hrtime), relative to a base that the parent
 * hands to its children: a parent and a child process on this machine read the same clock.
 */
export function clockFrom(base: bigint): () => number {
  return () => Number(process.hrtime.bigint() - base) / 1e6;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves when pred() holds, polling every `every` ms; false if `ms` passed first. */
export async function waitFor(pred: () => boolean, ms: number, every = 10): Promise<boolean> {
  const end = performance.now() + ms;
  while (!pred()) {
    if (performance.now() > end) return false;
    await sleep(every);
  }
  return true;
}

export type LoopResult = { latencies: Float64Array; done: number; elapsedMs: number; stoppedByTime: boolean };

/**
 * A closed loop: `concurrency` workers each start the next of `n` operations as soon as their last one ends,
 * until all n are done or `maxMs` has passed (no new operation starts after that). `op` returns its own latency
 * in ms, so any per-operation preparation it does before starting its clock is not counted as latency.
 */
export async function closedLoop(n: number, concurrency: number, maxMs: number, op: (i: number) => Promise<number>): Promise<LoopResult> {
  const latencies = new Float64Array(n);
  let next = 0;
  let done = 0;
  let stoppedByTime = false;
  const start = performance.now();
  const deadline = start + maxMs;
  const worker = async () => {
    while (next < n) {
      if (performance.now() > deadline) {
        stoppedByTime = true;
        return;
      }
      const i = next++;
      const ms = await op(i);
      latencies[done++] = ms;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return { latencies: latencies.slice(0, done), done, elapsedMs: performance.now() - start, stoppedByTime };
}

/**
 * One way to stop a bench: Ctrl-C, SIGTERM or the watchdog run the same cleanup once, then exit.
 * The watchdog is a safety net against a hang, not a performance threshold.
 */
export function stopGuard(name: string, cleanup: () => Promise<void>, budgetMs: number): { stopping: () => boolean } {
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    void cleanup().then(() => process.exit(code));
  };
  // `on`, not `once`: a Ctrl-C reaches this process twice (from the terminal and relayed by tsx), and a second
  // signal with no listener left would end the process before the cleanup is done.
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
  const watchdog = setTimeout(() => {
    console.error(`${name}: did not finish in time; giving up`);
    stop(1);
  }, budgetMs);
  watchdog.unref();
  return { stopping: () => stopping };
}
