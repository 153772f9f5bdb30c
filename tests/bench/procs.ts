/** Child processes of the suite: servers under test and load-client processes. Loopback only. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromClient, ToClient } from './ipc.ts';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BENCH_DIR, '../..');

export const log = (...args: unknown[]) => console.error('[bench]', ...args);
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ServerHandle {
  url: string;
  /** many nodes: every node's address; devices are spread over them (url is the first) */
  urls?: string[];
  pid: number;
  /** many nodes: every node's process (CPU is summed over them) */
  pids?: number[];
  proc: ChildProcess;
  inspectorUrl: string | null;
  /** last lines the server printed, for error messages */
  tail(): string;
  rssBytes(): number;
  stop(): Promise<void>;
  /** SIGKILL: no flush, no graceful close (for the durability check) */
  kill9(): Promise<void>;
}

export interface StartOptions {
  /** script path relative to the repository root */
  script: string;
  env: Record<string, string>;
  /** open the V8 inspector on a free loopback port (memory runs force a GC through it) */
  inspect?: boolean;
  /** extra node flags, e.g. --cpu-prof */
  nodeArgs?: string[];
  timeoutMs?: number;
}

/** run `node --import tsx <script>` directly (not via npx) so `pid` is the server itself */
export function startServer(opts: StartOptions): Promise<ServerHandle> {
  const args = ['--import', 'tsx'];
  if (opts.inspect) args.push('--inspect=127.0.0.1:0');
  args.push(...(opts.nodeArgs ?? []));
  args.push(opts.script);
  const proc = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', NODE_ENV: 'production', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let inspectorUrl: string | null = null;
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => proc.once('exit', () => ((exited = true), resolve())));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(
        new Error(
          `${opts.script} did not print "listening" within ${opts.timeoutMs ?? 60_000} ms:\n${lines.join('\n')}`,
        ),
      );
    }, opts.timeoutMs ?? 60_000);
    let done = false;
    const onLine = (line: string) => {
      if (lines.length > 40) lines.shift();
      lines.push(line);
      const insp = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(line);
      if (insp) inspectorUrl = insp[1];
      const m = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m && !done) {
        done = true;
        clearTimeout(timer);
        resolve({
          url: m[1],
          pid: proc.pid!,
          proc,
          get inspectorUrl() {
            return inspectorUrl;
          },
          tail: () => lines.join('\n'),
          rssBytes: () => rssOf(proc.pid!),
          stop: async () => {
            if (exited) return;
            proc.kill('SIGTERM');
            await Promise.race([exitPromise, sleep(5_000)]);
            if (!exited) proc.kill('SIGKILL');
            await Promise.race([exitPromise, sleep(2_000)]);
          },
          kill9: async () => {
            if (exited) return;
            proc.kill('SIGKILL');
            await Promise.race([exitPromise, sleep(5_000)]);
          },
        });
      }
    };
    // always drain both pipes: a full pipe would stall the server under test
    for (const stream of [proc.stdout!, proc.stderr!]) {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          onLine(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
        if (buf.length > 10_000) buf = buf.slice(-10_000);
      });
    }
    proc.once('exit', (code, signal) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        reject(new Error(`${opts.script} exited (${code ?? signal}) before listening:\n${lines.join('\n')}`));
      }
    });
  });
}

/** resident set size of a process from /proc/<pid>/status (VmRSS), in bytes */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

interface CpuTimes {
  user: number;
  sys: number;
}

/** user and system CPU ms in a /proc stat line; ticks are 1/100 s on Linux (CLK_TCK) */
function cpuTimesIn(stat: string): CpuTimes {
  // fields after the command name "(…)": utime and stime are the 12th and 13th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * 10, sys: Number(fields[12]) * 10 };
}

/**
 * CPU time a process has used so far (user + system, all its threads), in ms, from /proc/<pid>/stat;
 * NaN where there is no /proc. A machine shared with other jobs stretches wall-clock figures; the CPU
 * a request costs moves much less.
 */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const { user, sys } = cpuTimesIn(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return user + sys;
  } catch {
    return Number.NaN;
  }
}

/** user and system CPU ms of each of a process's threads, summed by thread name (main, libuv pool, workers) */
export function threadCpuOf(pid: number | undefined): Map<string, CpuTimes> {
  const byName = new Map<string, CpuTimes>();
  if (pid === undefined) return byName;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const { user, sys } = cpuTimesIn(stat);
      const sum = byName.get(name) ?? { user: 0, sys: 0 };
      sum.user += user;
      sum.sys += sys;
      byName.set(name, sum);
    }
  } catch {
    // the process ended meanwhile: what was read so far
  }
  return byName;
}

/** the CPU each thread group spent between two readings of threadCpuOf, as "name user+sys ms" */
export function threadCpuDelta(before: Map<string, CpuTimes>, after: Map<string, CpuTimes>): string {
  return [...after]
    .map(([name, a]) => {
      const b = before.get(name) ?? { user: 0, sys: 0 };
      return { name, user: a.user - b.user, sys: a.sys - b.sys };
    })
    .filter((t) => t.user + t.sys > 0)
    .sort((x, y) => y.user + y.sys - (x.user + x.sys))
    .map((t) => `${t.name} ${t.user}+${t.sys}`)
    .join(', ');
}

/** full GC in the server through its inspector (HeapProfiler.collectGarbage); false if unavailable */
export async function forceGc(inspectorUrl: string | null): Promise<boolean> {
  if (!inspectorUrl) return false;
  try {
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(inspectorUrl);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('inspector timeout')), 15_000);
      ws.once('error', reject);
      ws.once('open', () => {
        ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
        ws.send(JSON.stringify({ id: 2, method: 'HeapProfiler.collectGarbage' }));
      });
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { id?: number };
        if (msg.id === 2) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    ws.close();
    return true;
  } catch (error) {
    log('GC through the inspector failed:', String(error));
    return false;
  }
}

/** a load-client.ts child process */
export class ClientProc {
  readonly proc: ChildProcess;
  private readonly listeners = new Set<(m: FromClient) => void>();
  private readonly exited: Promise<void>;
  private alive = true;

  constructor(readonly index: number) {
    this.proc = fork(path.join(BENCH_DIR, 'load-client.ts'), [], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx', '--max-old-space-size=3072'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.proc.on('message', (m) => {
      for (const l of [...this.listeners]) l(m as FromClient);
    });
    this.exited = new Promise((resolve) =>
      this.proc.once('exit', () => {
        this.alive = false;
        resolve();
      }),
    );
  }

  send(msg: ToClient): void {
    if (this.alive && this.proc.connected) this.proc.send(msg);
  }

  on(listener: (m: FromClient) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** the first message matching `pred`, or rejects after `timeoutMs` */
  waitFor<T extends FromClient>(
    pred: (m: FromClient) => m is T,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`client ${this.index}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on((m) => {
        if (m.t === 'error') {
          clearTimeout(timer);
          off();
          reject(new Error(`client ${this.index}: ${m.message}`));
        } else if (pred(m)) {
          clearTimeout(timer);
          off();
          resolve(m);
        }
      });
    });
  }

  async close(): Promise<void> {
    this.send({ t: 'close' });
    await Promise.race([this.exited, sleep(5_000)]);
    if (this.alive) this.proc.kill('SIGKILL');
  }
}

export async function startClients(count: number): Promise<ClientProc[]> {
  const clients = Array.from({ length: count }, (_, i) => new ClientProc(i));
  await Promise.all(
    clients.map((c) =>
      c.waitFor((m): m is Extract<FromClient, { t: 'ready' }> => m.t === 'ready', 60_000, 'ready'),
    ),
  );
  return clients;
}
