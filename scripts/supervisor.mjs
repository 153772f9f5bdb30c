#!/usr/bin/env node
/**
 * Keeps the server running in the hall: when its process dies it is started again (the show comes back
 * paused with its time left, as after any restart), with a growing pause between attempts; a crash loop
 * (too many deaths in a short time) gives up with a clear message instead of spinning. SIGINT/SIGTERM
 * are passed to the server, which closes gracefully, and nothing is restarted after them.
 *
 *   node scripts/supervisor.mjs [--max-restarts 5] [--window-ms 60000] [--backoff-ms 500] -- <command> [args…]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tag = '[supervisor]';

/**
 * Runs `command` until it exits by itself (code 0), is stopped by a signal we forwarded, or crashes more
 * than `maxRestarts` times within `windowMs`. Resolves with the exit code the supervisor should use.
 */
export function supervise({
  command,
  args = [],
  env = process.env,
  cwd = process.cwd(),
  maxRestarts = 5,
  windowMs = 60_000,
  backoffMs = 500,
  log = (line) => console.error(line),
}) {
  return new Promise((resolve) => {
    let child = null;
    let stopping = null;
    let pending = null;
    const deaths = [];

    const start = () => {
      pending = null;
      child = spawn(command, args, { cwd, env, stdio: 'inherit' });
      log(`${tag} server started (pid ${child.pid})`);
      child.on('exit', (code, signal) => {
        child = null;
        if (stopping) {
          log(`${tag} server stopped (${signal ?? `code ${code}`})`);
          return resolve(code ?? 0);
        }
        if (code === 0) {
          log(`${tag} server exited normally; not restarting`);
          return resolve(0);
        }
        const now = Date.now();
        deaths.push(now);
        while (deaths.length && deaths[0] < now - windowMs) deaths.shift();
        const how = signal ? `killed by ${signal}` : `exit code ${code}`;
        if (deaths.length > maxRestarts) {
          log(
            `${tag} the server died ${deaths.length} times within ${Math.round(windowMs / 1000)} s (last: ${how}); ` +
              'giving up — fix the cause (see its output above), then start it again',
          );
          return resolve(1);
        }
        const delay = Math.min(backoffMs * 2 ** (deaths.length - 1), 30_000);
        log(
          `${tag} the server died (${how}); restarting in ${delay} ms ` +
            `(${deaths.length} of at most ${maxRestarts} restarts within ${Math.round(windowMs / 1000)} s)`,
        );
        pending = setTimeout(start, delay);
      });
    };

    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        if (stopping) return;
        stopping = signal;
        if (pending) {
          clearTimeout(pending);
          log(`${tag} stopped before the next restart`);
          return resolve(0);
        }
        child?.kill(signal);
      });
    }
    start();
  });
}

/** `--max-restarts 5 --window-ms 60000 --backoff-ms 500 -- cmd args…` */
export function parseArgs(argv) {
  const split = argv.indexOf('--');
  if (split < 0 || split === argv.length - 1)
    throw new Error('usage: supervisor.mjs [options] -- <command> [args…]');
  const options = {};
  const own = argv.slice(0, split);
  for (let i = 0; i < own.length; i += 2) {
    const value = Number(own[i + 1]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${own[i]} needs a number`);
    if (own[i] === '--max-restarts') options.maxRestarts = value;
    else if (own[i] === '--window-ms') options.windowMs = value;
    else if (own[i] === '--backoff-ms') options.backoffMs = value;
    else throw new Error(`unknown option ${own[i]}`);
  }
  return { ...options, command: argv[split + 1], args: argv.slice(split + 2) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await supervise(parseArgs(process.argv.slice(2)));
  process.exit(code);
}
