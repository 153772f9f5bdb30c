/**
 * The supervisor that `npm start` and the Docker image run the server under: a killed server comes back
 * on its own (same data, same port), a crash loop gives up with a clear message, and SIGTERM stops it
 * cleanly without a restart. Real processes; every one is ended by its pid.
 */
import { httpRequest, httpRequestOrThrow } from '@cv/shared/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT } from '../support/server-process.ts';
import { single } from './harness.ts';

const SUPERVISOR = path.join(REPO_ROOT, 'scripts', 'supervisor.mjs');
const running: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** a supervisor process whose output lines can be awaited */
function superviseProcess(args: string[], env: Record<string, string> = {}) {
  const proc = spawn(process.execPath, [SUPERVISOR, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(proc);
  const lines: string[] = [];
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  const feed = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      for (const w of waiters.splice(0))
        if (w.test(line)) w.resolve(line);
        else waiters.push(w);
    }
  };
  proc.stdout.on('data', feed);
  proc.stderr.on('data', feed);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  /** the next line (from now on, or already printed after `from`) matching `re` */
  const line = (re: RegExp, from = 0) =>
    new Promise<string>((resolve) => {
      const seen = lines.slice(from).find((l) => re.test(l));
      if (seen) resolve(seen);
      else waiters.push({ test: (l) => re.test(l), resolve });
    });
  return { proc, lines, line, exited };
}

const pidOf = (line: string) => Number(/pid (\d+)/.exec(line)![1]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('supervisor', () => {
  it('restarts a killed server on the same data and port, and stops it cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cv-supervised-'));
    dirs.push(dataDir);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const s = superviseProcess(
      ['--backoff-ms', '100', '--', process.execPath, '--import', 'tsx', 'server/src/server.ts'],
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO: '0',
        ADMIN_TOKEN: 'supervised-admin',
      },
    );
    const first = pidOf(await s.line(/server started \(pid \d+\)/));
    await s.line(/^listening http/);
    const show = await httpRequestOrThrow('POST /api/shows', {
      base: url,
      token: 'supervised-admin',
      body: { title: 'Có giám sát', seatCount: 2, questions: [single('q1', 0)] },
    });

    process.kill(first, 'SIGKILL'); // the server dies mid-show
    const mark = s.lines.length;
    expect(await s.line(/the server died \(killed by SIGKILL\); restarting in 100 ms/, mark)).toContain(
      '1 of at most 5 restarts',
    );
    const second = pidOf(await s.line(/server started \(pid \d+\)/, mark));
    await s.line(/^listening http/, mark);
    expect(second).not.toBe(first);
    const info = await httpRequest('GET /api/shows/:id/public', { base: url, params: { id: show.showId } });
    expect(info).toMatchObject({ ok: true, data: { title: 'Có giám sát' } });

    s.proc.kill('SIGTERM'); // docker stop / Ctrl+C: a graceful close, no restart
    expect(await s.exited).toBe(0);
    expect(s.lines.join('\n')).toContain('[supervisor] server stopped (code 0)');
    expect(alive(second)).toBe(false);
  });

  it('gives up on a crash loop with a clear message and a failing exit code', async () => {
    const s = superviseProcess([
      '--max-restarts',
      '2',
      '--window-ms',
      '60000',
      '--backoff-ms',
      '10',
      '--',
      process.execPath,
      '-e',
      'process.exit(3)',
    ]);
    expect(await s.exited).toBe(1);
    const out = s.lines.join('\n');
    expect(out.match(/server started/g)).toHaveLength(3);
    expect(out).toContain(
      'the server died (exit code 3); restarting in 10 ms (1 of at most 2 restarts within 60 s)',
    );
    expect(out).toContain(
      'the server died (exit code 3); restarting in 20 ms (2 of at most 2 restarts within 60 s)',
    );
    expect(out).toContain(
      '[supervisor] the server died 3 times within 60 s (last: exit code 3); giving up — fix the cause (see its output above), then start it again',
    );
  });

  it('does not restart a server that exited by itself', async () => {
    const s = superviseProcess(['--', process.execPath, '-e', 'process.exit(0)']);
    expect(await s.exited).toBe(0);
    expect(s.lines.join('\n').match(/server started/g)).toHaveLength(1);
    expect(s.lines.join('\n')).toContain('exited normally; not restarting');
  });

  it('refuses a command line without a command', async () => {
    const s = superviseProcess(['--max-restarts', '2']);
    expect(await s.exited).toBe(1);
    expect(s.lines.join('\n')).toContain('usage: supervisor.mjs');
  });
});
