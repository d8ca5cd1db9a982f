import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['server/**/*.test.ts', 'scripts/**/*.test.ts', 'wall/lib/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Every run ends with a per-file time table (wall, node CPU, tests), slowest first.
    reporters: ['default', './scripts/test-timing-reporter.ts'],
    setupFiles: ['./scripts/test-timing-setup.ts'],
  },
});
