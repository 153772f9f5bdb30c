#!/usr/bin/env node
// npm start: build the front ends when their build is missing, then run the server on the embedded store,
// supervised (restarted if it dies; see supervisor.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { supervise } from './supervisor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// each app's pages: a build from before a page existed is built again
const pages = {
  'host-console': ['index.html', 'online.html'],
  'player-board': ['index.html', 'thi.html'],
  'big-screen': ['index.html'],
};
const missing = Object.keys(pages).filter((app) =>
  pages[app].some((page) => !existsSync(join(root, app, 'dist', page))),
);
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
