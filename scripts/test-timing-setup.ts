import { afterAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Records the CPU time each test file used, so the timing table can tell a file that works from one that waits:
 * the test process's own (imports, hooks, tests), and its child processes' (chromium and its renderers, a demo and
 * its simulators, ffmpeg). On a shared two-core machine wall time swings with the load; CPU time much less, and the
 * e2e run is bound by it (SwiftShader draws WebGL on the CPU).
 */
declare module 'vitest' {
  interface TaskMeta {
    cpuMs?: number;
    childCpuMs?: number;
  }
}

/** Every live process below `pid`, through /proc's per-thread children lists (Linux; empty elsewhere). */
function descendants(pid: number, out: number[] = []): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    let kids = '';
    try {
      kids = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const k of kids.split(' ')) if (k) descendants(Number(k), (out.push(Number(k)), out));
  }
  return out;
}

// Per child, the most CPU seen (user + system, clock ticks of 1/100 s); sampled each second, so a child's last
// second before it exits, and children that live under a second, are not counted: a floor, not an exact figure.
const seen = new Map<number, number>();
function sample() {
  for (const pid of descendants(process.pid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seen.set(pid, Math.max(seen.get(pid) ?? 0, Number(f[11]) + Number(f[12])));
    } catch {
      /* gone between the list and the read */
    }
  }
}
const sampler = process.platform === 'linux' ? setInterval(sample, 1000).unref() : null;

const started = process.cpuUsage();
afterAll(({}, suite) => {
  const used = process.cpuUsage(started);
  suite.meta.cpuMs = Math.round((used.user + used.system) / 1000);
  if (!sampler) return;
  sample();
  clearInterval(sampler);
  suite.meta.childCpuMs = [...seen.values()].reduce((n, t) => n + t * 10, 0);
});
