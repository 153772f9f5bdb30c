import vue from '@vitejs/plugin-vue';
import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Most suites wait (real servers, restarts, timers, a black-holed tablet for 30 s) more than they
// compute: vitest's default of one worker per core but one would run them one at a time on a 2-core
// machine (8.5 min there; 3 workers: 5.2 min, the same tests passing)
const workers = Math.max(3, os.availableParallelism() - 1);

export default defineConfig({
  test: {
    maxWorkers: workers,
    minWorkers: workers,
    projects: [
      { test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'chaos',
          include: ['tests/chaos/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'fuzz',
          include: ['tests/fuzz/**/*.test.ts'],
          environment: 'node',
          testTimeout: 1_200_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'ui',
          include: [
            'host-console/src/**/*.test.ts',
            'player-board/src/**/*.test.ts',
            'big-screen/src/**/*.test.ts',
          ],
          environment: 'happy-dom',
        },
      },
    ],
  },
});
