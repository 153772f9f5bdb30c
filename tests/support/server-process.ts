/**
 * The server under rehearsal as a child process: `node --import tsx server/src/server.ts` with a temp
 * data dir and a fixed port (picked free once, so a restart after SIGKILL comes back on the same
 * address and the tablets' SDK reconnects by itself).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUPPORT_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(SUPPORT_DIR, '../..');

/** a timer that never keeps the process alive (used only to bound waits) */
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** a free loopback port: bind port 0 on a throwaway server, read it, close it */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcessOptions {
  adminToken: string;
  /** reuse a data dir (default: a fresh temp dir, removed by dispose()) */
  dataDir?: string;
  port?: number;
  /** extra environment (e.g. LOG_LEVEL) */
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /** extra node flags before the script (e.g. --cpu-prof) */
  nodeArgs?: string[];
  /** receives every line the server prints (stdout and stderr) */
  onLine?: (line: string) => void;
}

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly pid: number | undefined;
  /** ms the last (re)start took until the `listening` line */
  readonly lastStartMs: number;
  /** last lines printed, for error messages */
  tail(): string;
  /** SIGKILL: no flush, no graceful close */
  kill9(): Promise<void>;
  /** start again on the same port with the same data dir, after a SIGKILL (default) or a graceful SIGTERM */
  restart(how?: 'kill' | 'term'): Promise<void>;
  /** SIGTERM (graceful), then SIGKILL if needed */
  stop(): Promise<void>;
  /** stop and remove the temp data dir if we created it */
  dispose(): Promise<void>;
}

export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'cv-server-'));
  const port = opts.port ?? (await freePort());
  const lines: string[] = [];
  let proc: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let alive = false;
  let lastStartMs = 0;

  const remember = (line: string) => {
    if (lines.length >= 60) lines.shift();
    lines.push(line);
    opts.onLine?.(line);
  };

  const launch = async () => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [...(opts.nodeArgs ?? []), '--import', 'tsx', 'server/src/server.ts'],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          ADMIN_TOKEN: opts.adminToken,
          DEMO: '0',
          STORE: 'sqlite',
          NODE_ENV: 'production',
          // the per-IP limit has its own test; scripted clients all come from 127.0.0.1
          HTTP_RATE_MAX: '1000000000',
          STATIC_RATE_MAX: '1000000000',
          ...opts.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    proc = child;
    alive = true;
    exited = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        alive = false;
        remember(`[server exited: code ${code} signal ${signal}]`);
        resolve();
      }),
    );
    await new Promise<void>((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        child.kill('SIGKILL');
        reject(
          new Error(
            `server did not print "listening" within ${opts.startTimeoutMs ?? 30_000} ms:\n${lines.join('\n')}`,
          ),
        );
      }, opts.startTimeoutMs ?? 30_000);
      const feed = (stream: NodeJS.ReadableStream | null) => {
        let buf = '';
        stream?.setEncoding('utf8');
        stream?.on('data', (chunk: string) => {
          buf += chunk;
          let i: number;
          while ((i = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            remember(line);
            if (!done && /^listening http:\/\/\S+/.test(line)) {
              done = true;
              clearTimeout(timer);
              resolve();
            }
          }
        });
      };
      feed(child.stdout);
      feed(child.stderr);
      void exited.then(() => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        reject(new Error(`server exited before listening:\n${lines.join('\n')}`));
      });
    });
    lastStartMs = performance.now() - started;
  };

  const kill = async (signal: NodeJS.Signals) => {
    if (!proc || !alive) return;
    proc.kill(signal);
    await Promise.race([exited, sleep(signal === 'SIGKILL' ? 5_000 : 8_000)]);
    if (alive) {
      proc.kill('SIGKILL');
      await Promise.race([exited, sleep(5_000)]);
    }
  };

  await launch();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    get pid() {
      return proc?.pid;
    },
    get lastStartMs() {
      return lastStartMs;
    },
    tail: () => lines.join('\n'),
    kill9: () => kill('SIGKILL'),
    restart: async (how = 'kill') => {
      await kill(how === 'term' ? 'SIGTERM' : 'SIGKILL');
      await launch();
    },
    stop: () => kill('SIGTERM'),
    dispose: async () => {
      await kill('SIGTERM');
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
