#!/usr/bin/env node
// npm test: every suite. Suites needing Redis or Chromium skip (one line says so) unless CI=true, where they are required.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true';
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
const chromium =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);

function redisUp() {
  return new Promise((resolve) => {
    const socket = net.connect(Number(redisUrl.port || 6379), redisUrl.hostname);
    const done = (v) => {
      socket.destroy();
      resolve(v);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

const missing = [];
const hasRedis = await redisUp();
if (!hasRedis) missing.push(`Redis suites (no Redis at ${redisUrl.host})`);
if (!chromium) missing.push('browser e2e suites (no Chromium: apt-get install chromium)');
if (missing.length) {
  if (ci) {
    console.error(`CI=true but required services are missing: ${missing.join('; ')}`);
    process.exit(1);
  }
  console.log(`Skipping ${missing.join(' and ')}.`);
}

mkdirSync(join(root, '.tmp'), { recursive: true });
const env = {
  ...process.env,
  CV_REDIS_AVAILABLE: hasRedis ? '1' : '0',
  CHROMIUM_PATH: chromium ?? '',
  // ~1M HTTP requests at 10,000 a route take 4.5 min on 2 cores, a third of the suite's budget: `npm run test:fuzz` runs those
  FUZZ_HTTP_RUNS: process.env.FUZZ_HTTP_RUNS ?? '2000',
};
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
let failed = false;

function vitest(name, args) {
  const out = join(root, '.tmp', `vitest-${name}.json`);
  const r = spawnSync(
    join(root, 'node_modules', '.bin', 'vitest'),
    ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    { cwd: root, stdio: 'inherit', env },
  );
  if (r.status !== 0) failed = true;
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    for (const file of report.testResults ?? []) {
      const where = file.name.replace(root + '/', '');
      if (file.status === 'failed' && !file.assertionResults?.some((t) => t.status === 'failed'))
        failures.push(`${where}: ${firstLine(file.message)}`);
      for (const t of file.assertionResults ?? [])
        if (t.status === 'failed')
          failures.push(`${where} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    }
  }
}

// CI keeps only the tail of the output: the summary names what failed so the tail alone says where to look
function firstLine(message) {
  return (
    String(message ?? '')
      .split('\n')
      .find((l) => l.trim()) ?? ''
  );
}

// types and lint first: main stays green in what the compiler and linter can see, not only in what tests hit
if (!only || only === 'static') {
  for (const [name, cmd] of [
    ['typecheck', ['run', '-s', 'typecheck']],
    ['lint', ['run', '-s', 'lint']],
  ]) {
    const r = spawnSync('npm', cmd, { cwd: root, stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`${name} failed`);
      failed = true;
    }
  }
}
if (!only || only === 'unit') {
  vitest('unit', []);
  // the bench's pure helpers (statistics, which runs may rewrite docs/performance.md); its stall witness's
  // test times real pauses of a thread and stays a manual one (tests/bench/vitest.config.ts)
  vitest('bench-unit', [
    '--config',
    'tests/bench/vitest.config.ts',
    'tests/bench/stats.test.ts',
    'tests/bench/docs.test.ts',
  ]);
}
// real server processes on a redis-server of the suite's own (needs the redis-server binary)
if (!only || only === 'cluster') {
  const redisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (hasRedis && redisServer) vitest('cluster', ['--config', 'tests/cluster/vitest.config.ts']);
  else if (ci) {
    console.error('CI=true but the cluster suite cannot run (needs Redis and the redis-server binary)');
    failed = true;
  } else console.log('Skipping the cluster suite (needs Redis and the redis-server binary).');
}
if ((!only || only === 'e2e') && chromium) {
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  if (build.status !== 0) {
    console.error('front-end build failed');
    failed = true;
  } else vitest('e2e', ['--config', 'tests/e2e/vitest.config.ts']);
}
if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `- ${f}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
