import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['server/**/*.test.ts', 'scripts/**/*.test.ts', 'wall/**/*.test.ts'],
    // Caps, not thresholds: tests wait on events; a loaded two-core machine can make a wait long.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time on two cores: most integration files wait on sockets and sharp's own threads, so two
    // overlap well (vitest's default here would be one: cores - 1).
    maxWorkers: 2,
    // Each worker imports the hub's modules once for all its files, not once per file: the imports were a third of
    // the run (import 46–60 s of 95–115 s; without isolation 15 s, the run 70–75 s against 96–102 s side by side).
    // Files share nothing else: each starts its own hub on its own store copy and closes it.
    isolate: false,
    // The seeded stores files copy instead of seeding their own (server/testing/templates.ts).
    globalSetup: ['./server/testing/global-setup.ts'],
    // Every run ends with a per-file time table (wall, node CPU, tests), slowest first.
    reporters: ['default', './scripts/test-timing-reporter.ts'],
    setupFiles: ['./scripts/test-timing-setup.ts'],
  },
});
