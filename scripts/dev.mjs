#!/usr/bin/env node
// npm run dev: the server (restarting on change) and the three Vite dev servers, which proxy to it.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const children = [
  spawn(bin('tsx'), ['watch', join(root, 'server', 'src', 'server.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: process.env.PORT ?? '3000',
      DATA_DIR: process.env.DATA_DIR ?? join(root, 'data'),
    },
  }),
  ...[
    ['host-console', 5173],
    ['player-board', 5174],
    ['big-screen', 5175],
  ].map(([app, port]) =>
    spawn(bin('vite'), ['--port', String(port), '--strictPort'], { cwd: join(root, app), stdio: 'inherit' }),
  ),
];
console.log(
  'Dev: server :3000, host-console :5173/host/, player-board :5174/board/, big-screen :5175/screen/',
);
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
