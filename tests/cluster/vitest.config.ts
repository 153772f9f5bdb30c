import { defineConfig } from 'vitest/config';

// Real server processes sharing a redis-server this suite starts itself (npm run test:cluster).
export default defineConfig({
  test: {
    name: 'cluster',
    include: ['tests/cluster/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
