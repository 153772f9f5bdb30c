// Only for the suite's own pure unit test: `npx vitest run --config tests/bench/vitest.config.ts`
// (the root vitest config deliberately does not include tests/bench).
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['tests/bench/**/*.test.ts'], environment: 'node' } });
