import { afterAll } from 'vitest';

/**
 * Records the node CPU time each test file used (imports, hooks, tests), so the timing table can tell a file that
 * works from one that waits. On a shared two-core machine wall time swings with the load; CPU time much less.
 */
declare module 'vitest' {
  interface TaskMeta {
    cpuMs?: number;
  }
}

const started = process.cpuUsage();
afterAll(({}, suite) => {
  const used = process.cpuUsage(started);
  suite.meta.cpuMs = Math.round((used.user + used.system) / 1000);
});
