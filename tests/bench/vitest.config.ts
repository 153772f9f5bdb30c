// The bench's own unit tests. `npm test` runs the pure ones (statistics, docs); the stall witness's times real
// pauses of a thread and is run by hand: `npx vitest run --config tests/bench/vitest.config.ts`.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['tests/bench/**/*.test.ts'], environment: 'node' } });
