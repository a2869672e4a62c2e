import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // test files share a worker's module cache: PGlite's WebAssembly is compiled once per worker
    isolate: false,
    maxWorkers: 2,
  },
});
