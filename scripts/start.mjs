#!/usr/bin/env node
// npm start: build the front ends when their build is missing, then run the server on the embedded store.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apps = ['host-console', 'player-board', 'big-screen'];
const missing = apps.filter((app) => !existsSync(join(root, app, 'dist', 'index.html')));
if (missing.length > 0) {
  console.log(`Building the front ends (${missing.join(', ')})…`);
  for (const app of missing) {
    const r = spawnSync('npm', ['run', 'build', '--workspace', app], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0)
      console.warn(`! ${app} did not build; the server still starts, its page will say so.`);
  }
}

// node runs the server with tsx as a loader: one process, so signals reach it directly
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'src', 'server.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(root, 'data') },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
