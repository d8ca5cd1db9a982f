import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // One browser at a time: two cores, and SwiftShader renders WebGL on the CPU.
    fileParallelism: false,
    pool: 'forks',
  },
});
