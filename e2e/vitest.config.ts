import { defineConfig } from 'vitest/config';
import LongestFirst from './sequencer.js';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    // Caps, not thresholds: every wait ends on what a page shows; on a loaded two-core machine that can take long.
    testTimeout: 300_000,
    hookTimeout: 180_000,
    // Two files at a time. The run is CPU-bound (SwiftShader renders WebGL on the CPU; both cores stay busy, ~490
    // core-seconds on an idle 2-core machine): two at once took 240 s, three 249 s; one alone leaves the waits idle.
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
    // The hub's and Playwright's modules imported once per worker, not once per file (see vitest.config.ts).
    isolate: false,
    sequence: { sequencer: LongestFirst },
    // The seeded stores files copy instead of seeding their own (server/testing/templates.ts).
    globalSetup: ['./e2e/global-setup.ts'],
    // Every run ends with a per-file time table (wall, node CPU of the test process; chromium's own is not in it).
    reporters: ['default', './scripts/test-timing-reporter.ts'],
    setupFiles: ['./scripts/test-timing-setup.ts'],
  },
});
