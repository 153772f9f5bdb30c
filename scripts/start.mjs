#!/usr/bin/env node
// npm start: build the front ends when their build is missing, then run the server on the embedded store,
// supervised (restarted if it dies; see supervisor.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { supervise } from './supervisor.mjs';

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

// node runs the server with tsx as a loader; the supervisor restarts it if it ever dies during a show
const code = await supervise({
  command: process.execPath,
  args: ['--import', 'tsx', join(root, 'server', 'src', 'server.ts')],
  cwd: root,
  env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(root, 'data') },
});
process.exit(code);
