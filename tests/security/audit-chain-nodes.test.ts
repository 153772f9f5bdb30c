/**
 * The hash chain across Redis nodes: two nodes share one Redis (a DB index no other test uses, a
 * prefix of their own); a show's ownership moves from one to the other mid-show (the owner's leases
 * frozen, as a stalled process), then back (that node closed) — the first owner must link after the
 * entries the second wrote meanwhile, not after the head it cached. The exported trail verifies end
 * to end with `npm run verify-audit`, and an altered copy is caught.
 */
import { deleteRedisKeys, redisTestMode, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import type { ShowClient } from '@cv/shared/client';
import type { HealthResponse, HostView } from '@cv/shared/protocol';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, expectOk, single, startHarness, until, type Harness } from '../integration/harness.ts';
import { REPO_ROOT } from '../support/server-process.ts';

const redisMode = await redisTestMode(testRedisUrl());
/** no other suite uses DB 7 */
const DB = 7;
const prefix = `cv-chain-nodes-${process.pid}-${Date.now()}`;
const dir = mkdtempSync(join(tmpdir(), 'cv-chain-nodes-'));
const nodes: Harness[] = [];
const clients: ShowClient[] = [];

afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all(nodes.map((n) => n.close().catch(() => undefined)));
  if (redisMode === 'run') await deleteRedisKeys(testRedisUrl(), DB, `${prefix}:*`);
  rmSync(dir, { recursive: true, force: true });
});

const node = (id: string) =>
  startHarness({
    store: { kind: 'redis', url: testRedisUrl(), db: DB, prefix },
    nodeId: id,
    cluster: { leaseMs: 800, tickMs: 100, requestTimeoutMs: 4000 },
  });

async function ownerOf(candidates: Harness[], showId: string): Promise<Harness> {
  const deadline = Date.now() + 8000;
  for (;;) {
    for (const n of candidates) {
      const health = (await n.app.inject({ method: 'GET', url: '/api/health' })).json() as HealthResponse;
      if (health.node?.owns.includes(showId)) return n;
    }
    if (Date.now() > deadline) throw new Error('no node took the show');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** the MC presses again while the show is between owners (what the console does) */
async function mc(host: ShowClient, name: Parameters<ShowClient['command']>[0], payload: object = {}) {
  for (let i = 0; ; i++) {
    const res = await host.command(name, payload as never);
    if (res.ok) return;
    const retry = ['OWNER_UNAVAILABLE', 'STALE_VERSION', 'STORAGE_FAILED'].includes(res.error.code);
    if (!retry || i > 60) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function verify(text: string, digest: string): { code: number | null; out: string } {
  const file = join(dir, `trail-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, text);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/src/cli/verify-audit.ts', file, '--digest', digest],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  return { code: r.status, out: r.stdout + r.stderr };
}

describe.skipIf(redisMode === 'skip')('hash chain across Redis nodes', () => {
  it('stays one chain while ownership moves between two nodes mid-show, and verifies end to end', async () => {
    if (redisMode === 'fail') throw new Error('CI=true and Redis is unreachable');
    nodes.push(await node('a'), await node('b'));
    const show = await nodes[0].createShow({
      title: 'Chuỗi băm hai máy',
      seatCount: 4,
      questions: [single('q1', 1, { timeLimitSec: 120 }), single('q2', 2, { timeLimitSec: 120 })],
    });
    const { showId } = show;
    const first = await ownerOf(nodes, showId);
    const second = nodes.find((n) => n !== first)!;
    const connect = async (n: Harness, auth: Parameters<Harness['connect']>[0]) => {
      const c = await n.connect(auth);
      clients.push(c);
      return c;
    };
    // the MC on the node that will stay; the tablets split over both
    const host = await connect(first, { role: 'host', showId, pin: show.secrets.hostPin });
    const seats = await Promise.all(
      [1, 2, 3, 4].map((seat) =>
        connect(nodes[seat % 2], { role: 'player', showId, seat, pin: show.secrets.seats[String(seat)].pin }),
      ),
    );
    const answerAll = async (values: number[]) => {
      const round = (
        await until(host, (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round)
      ).index;
      for (const [i, seat] of seats.entries()) {
        await until(seat, (c) => c.state.self?.canAnswer === true, 10_000);
        for (let attempt = 0; ; attempt++) {
          const res = await seat.answer(round, values[i]);
          if (res.ok) break;
          if (attempt > 60) throw new Error(`seat ${i + 1}: ${res.error.code}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };

    await mc(host, 'show:start');
    await mc(host, 'question:show', {});
    await mc(host, 'question:open');
    await answerAll([1, 1, 0, 1]);

    // move 1: the first owner stalls (no lease renewals); the second takes the show over mid-question
    first.app.cluster!.freezeLeases();
    expect(await ownerOf([second], showId)).toBe(second);
    first.app.cluster!.thawLeases();
    await until(host, (c) => c.state.view?.paused === true, 10_000);
    await mc(host, 'show:resume');
    await mc(host, 'question:lock');
    await mc(host, 'question:reveal');
    await mc(host, 'question:show', {});

    // move 2: the second node closes; the first takes the show back and must link after what the second wrote
    const written = (await second.app.store.auditTrail(showId)).length;
    await second.close();
    nodes.splice(nodes.indexOf(second), 1);
    expect(await ownerOf([first], showId)).toBe(first);
    await until(host, (c) => c.state.connected && c.state.synced, 10_000);
    const view = host.state.view as HostView;
    if (view.paused) await mc(host, 'show:resume');
    if (view.round?.phase !== 'answering') await mc(host, 'question:open');
    // the tablets that were on the closed node are gone; the two on the first node answer
    const round = (await until(host, (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round))
      .index;
    for (const seat of [seats[1], seats[3]]) expectOk(await seat.answer(round, 2));
    await mc(host, 'question:lock');
    await mc(host, 'question:reveal');
    await mc(host, 'show:finish');

    const res = await first.app.inject({
      method: 'GET',
      url: `/api/shows/${showId}/audit`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(written);
    const types = lines.map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types).toContain('show:finish');
    const digest = String(res.headers['x-audit-digest']);
    const intact = verify(res.body, digest);
    expect(intact.out).toContain(`INTACT: ${lines.length} entries, digest ${digest}`);
    expect(intact.code).toBe(0);

    // an entry the second node wrote, altered in the export, is named
    const at = written - 1;
    const altered = [...lines];
    altered[at] = altered[at].replace(/"at":"[^"]+"/, '"at":"2000-01-01T00:00:00.000Z"');
    expect(altered[at]).not.toBe(lines[at]);
    const caught = verify(altered.join('\n') + '\n', digest);
    expect(caught.out).toContain(`entry ${at + 1} was altered`);
    expect(caught.code).toBe(1);
    console.log(
      `[audit:nodes] ownership moves 2 (a→b stalled, b→a closed), entries ${lines.length} in one chain, verified; altered entry ${at + 1} caught`,
    );
  });
});
