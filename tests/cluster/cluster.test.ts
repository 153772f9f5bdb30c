/**
 * npm run test:cluster — three real server processes (STORE=redis) on their own ports, sharing a
 * redis-server this suite starts with AOF fsynced on every write. MC on the node that runs the show,
 * tablets split over all three, the big screen on B, a phone on C. The owner is SIGKILLed mid-question:
 * another node takes over, the MC reconnects elsewhere and the show goes on with every acked answer.
 * Then the new owner is frozen (SIGSTOP) past its question's deadline and thawed after the takeover: it
 * writes nothing. Then Redis itself is killed and restarted mid-show: nothing acked is lost.
 */
import { ShowClient } from '@cv/shared/client';
import type { AuthPayload, HealthResponse, HostView, Question, ShowDetail } from '@cv/shared/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../integration/harness.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { startRedis, type RedisProcess } from './redis-process.ts';

const ADMIN = 'cluster-admin-token';
const PREFIX = 'cvc';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const question = (id: string, timeLimitSec: number): Question => ({
  id,
  kind: 'single',
  pool: 'main',
  prompt: `Câu ${id}?`,
  options: ['A', 'B', 'C', 'D'],
  timeLimitSec,
  key: { kind: 'single', answer: 1 },
});

type Ackish<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const ok = <T>(res: Ackish<T>): T => {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}: ${res.error.message}`);
  return res.data;
};

/** what a device does while its show changes node: send again until it is taken */
async function retry<T>(send: () => Promise<Ackish<T>>, timeoutMs = 20_000): Promise<Ackish<T>> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const res = await send();
    const transient =
      !res.ok &&
      ['OWNER_UNAVAILABLE', 'TIMEOUT', 'DISCONNECTED', 'STORAGE_FAILED', 'STALE_VERSION'].includes(
        res.error.code,
      );
    if (!transient || Date.now() > giveUp) return res;
    await sleep(100);
  }
}

/** the in-process suite's wait, with a longer default: real processes on a busy machine */
const waitFor = <T>(client: ShowClient, pick: (c: ShowClient) => T | null | undefined | false, ms = 15_000) =>
  until(client, pick, ms);

describe('three server processes on one Redis', () => {
  let redis: RedisProcess;
  const nodes = new Map<string, ServerProcess>();
  const clients: ShowClient[] = [];
  let show: ShowDetail;
  /** every contestant answer acknowledged: seat → round → value */
  const acked: { seat: number; round: number; value: number }[] = [];

  const health = async (n: ServerProcess): Promise<HealthResponse | null> => {
    try {
      const res = await fetch(`${n.url}/api/health`, { signal: AbortSignal.timeout(500) });
      return (await res.json()) as HealthResponse;
    } catch {
      return null;
    }
  };
  /** the node holding the show's lease, among `among` */
  const ownerAmong = async (among: string[], timeoutMs = 15_000): Promise<string> => {
    const giveUp = Date.now() + timeoutMs;
    for (;;) {
      for (const id of among) if ((await health(nodes.get(id)!))?.node?.owns.includes(show.showId)) return id;
      if (Date.now() > giveUp) throw new Error(`none of ${among.join(',')} took the show`);
      await sleep(50);
    }
  };
  const connect = async (id: string, auth: AuthPayload) => {
    const client = new ShowClient({
      url: nodes.get(id)!.url,
      auth,
      ackTimeoutMs: 8000,
      clockResyncMs: 0,
      socketOptions: { reconnection: false, transports: ['websocket'] },
    });
    clients.push(client);
    client.connect();
    await client.ready();
    return client;
  };
  const seatAuth = (seat: number): AuthPayload => ({
    role: 'player',
    showId: show.showId,
    seat,
    pin: show.secrets.seats[String(seat)].pin,
  });
  const answer = async (tablet: ShowClient, seat: number, round: number, value: number) => {
    ok(await retry(() => tablet.answer(round, value)));
    acked.push({ seat, round, value });
  };

  beforeAll(async () => {
    redis = await startRedis();
    for (const id of ['a', 'b', 'c']) {
      const start = () =>
        startServerProcess({
          adminToken: ADMIN,
          env: { STORE: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: PREFIX, NODE_ID: id },
        });
      // the free port is picked before the server binds it: on a busy machine another process may take it first
      nodes.set(
        id,
        await start().catch((e: Error) => (/EADDRINUSE/.test(e.message) ? start() : Promise.reject(e))),
      );
    }
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    for (const n of nodes.values()) {
      try {
        if (n.pid) process.kill(n.pid, 'SIGCONT'); // a node left frozen by a failed run
      } catch {
        // already gone
      }
      await n.dispose();
    }
    await redis?.dispose();
  });

  it('runs a show across nodes, survives the owner being killed, fences a stale owner, and a Redis restart', async () => {
    const res = await fetch(`${nodes.get('a')!.url}/api/shows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Chung kết truyền hình',
        seatCount: 6,
        questions: [question('q1', 60), question('q2', 60), question('q3', 5), question('q4', 60)],
      }),
    });
    expect(res.status).toBe(201);
    show = (await res.json()) as ShowDetail;

    // A = the node running the show; B and C the others
    const first = await ownerAmong(['a', 'b', 'c']);
    const [A, B, C] = [first, ...['a', 'b', 'c'].filter((x) => x !== first)];
    let host = await connect(A, { role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const screen = await connect(B, {
      role: 'screen',
      showId: show.showId,
      displayToken: show.secrets.displayToken,
    });
    const fan = await connect(C, { role: 'audience', showId: show.showId, name: 'Xem ở nhà' });
    const where = [A, B, C, A, B, C];
    const tablets = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((seat) => connect(where[seat - 1], seatAuth(seat))),
    );

    // question 1, start to reveal; seat 6 answers wrong
    ok(await host.command('show:start'));
    ok(await host.command('question:show', {}));
    ok(await host.command('question:open'));
    const r0 = (
      await waitFor(screen, (s) => s.state.view?.round?.phase === 'answering' && s.state.view.round)
    ).index;
    await Promise.all(tablets.map((t, i) => answer(t, i + 1, r0, i === 5 ? 0 : 1)));
    ok(await fan.audienceAnswer(r0, 1));
    ok(await host.command('question:lock'));
    ok(await host.command('question:reveal'));
    await waitFor(tablets[5], (t) => t.state.self?.status === 'eliminated');
    await waitFor(fan, (f) => f.state.audience?.score === 1);

    // question 2: five answers acked, then the owner dies without a word
    ok(await host.command('question:show', {}));
    ok(await host.command('question:open'));
    const r1 = (
      await waitFor(screen, (s) => s.state.view?.round?.phase === 'answering' && s.state.view.round)
    ).index;
    await Promise.all(tablets.slice(0, 5).map((t, i) => answer(t, i + 1, r1, i === 4 ? 2 : 1)));
    const killedAt = performance.now();
    await nodes.get(A)!.kill9();
    // where the failover's time goes: the lease taken, then the MC's first command accepted
    const leaseTaken = ownerAmong([B, C]).then(() => (performance.now() - killedAt) / 1000);
    host.close();
    host = await connect(B, { role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    // the show was caught answering: the new owner holds it paused with its time left; resuming is the MC's first command
    ok(await retry(() => host.command('show:resume')));
    const failoverSeconds = (performance.now() - killedAt) / 1000;
    console.log(
      `failover: owner SIGKILLed → lease taken in ${(await leaseTaken).toFixed(2)} s, first command accepted by the new owner in ${failoverSeconds.toFixed(2)} s`,
    );
    const B2 = await ownerAmong([B, C]);
    expect([B, C]).toContain(B2);
    const view = await waitFor(
      host,
      (h) => h.state.view?.round?.index === r1 && !h.state.view.paused && (h.state.view as HostView),
    );
    for (const a of acked.filter((x) => x.round === r1))
      expect(view.round?.answers[a.seat]?.value).toBe(a.value);
    // the tablets on the dead node come back through the others: seat 1 as the SDK does, with its resume
    // token (saved in Redis, not in the dead node); seat 4 as a replacement tablet would, with its PIN —
    // admitted without the MC once the living nodes say nobody holds the seat
    const resumeToken = tablets[0].state.session?.resumeToken;
    expect(resumeToken).toBeTypeOf('string');
    tablets[0] = await connect(B, {
      role: 'player',
      showId: show.showId,
      seat: 1,
      resumeToken: resumeToken!,
    });
    tablets[3] = await connect(C, seatAuth(4));
    ok(await retry(() => host.command('question:lock')));
    ok(await retry(() => host.command('question:reveal')));
    await waitFor(tablets[4], (t) => t.state.self?.status === 'eliminated');
    await waitFor(
      screen,
      (s) => s.state.view?.round?.index === r1 && s.state.view.round.phase === 'revealed',
    );

    // question 3 (5 s): the owner is frozen, the other takes over, the frozen one wakes past its deadline
    const owner = B2;
    const other = owner === B ? C : B;
    if (owner === B) {
      host.close();
      host = await connect(other, { role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    }
    ok(await retry(() => host.command('question:show', {})));
    ok(await retry(() => host.command('question:open')));
    const r2 = (await waitFor(host, (h) => h.state.view?.round?.phase === 'answering' && h.state.view.round))
      .index;
    const standing = tablets.slice(0, 4);
    await Promise.all(standing.map((t, i) => answer(t, i + 1, r2, 1)));
    const frozen = nodes.get(owner)!;
    process.kill(frozen.pid!, 'SIGSTOP');
    expect(await ownerAmong([other])).toBe(other);
    await waitFor(host, (h) => h.state.view?.paused === true);
    await sleep(6_000); // past the frozen node's deadline: its timer fires the moment it runs again
    process.kill(frozen.pid!, 'SIGCONT');
    await sleep(1_500);
    const log = new Redis(redis.url);
    try {
      const versions = (await log.zrange(`${PREFIX}:cmdv:${show.showId}`, 0, -1, 'WITHSCORES'))
        .filter((_, i) => i % 2 === 1)
        .map(Number);
      // one record per version, none missing: the stale owner appended nothing
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      const trail = (await log.lrange(`${PREFIX}:cmd:${show.showId}`, 0, -1)).map(
        (j) => JSON.parse(j) as { type: string; payload: { round?: number } },
      );
      expect(trail.filter((r) => r.type === 'system:lock' && r.payload.round === r2)).toHaveLength(0);
    } finally {
      log.disconnect();
    }
    const woke = await health(frozen);
    expect(woke?.node?.owns ?? []).not.toContain(show.showId);
    const peek = await connect(owner, { role: 'judge', showId: show.showId, pin: show.secrets.judgePin });
    await waitFor(peek, (p) => p.state.view?.version === host.state.view?.version && p.state.view?.paused);

    // Redis dies and comes back from its AOF mid-question
    await redis.kill9();
    await sleep(500);
    await redis.start();
    ok(await retry(() => host.command('show:resume'), 30_000));
    ok(await retry(() => host.command('question:lock')));
    ok(await retry(() => host.command('question:reveal')));
    await waitFor(
      screen,
      (s) => s.state.view?.round?.index === r2 && s.state.view.round.phase === 'revealed',
    );

    // every acknowledged answer is in the log that survived all of it
    const check = new Redis(redis.url);
    try {
      const accepted = (await check.zrange(`${PREFIX}:cmdv:${show.showId}`, 0, -1))
        .map(
          (j) => JSON.parse(j) as { type: string; payload: { seat: number; round: number; value: number } },
        )
        .filter((r) => r.type === 'answer:submit');
      for (const a of acked)
        expect(
          accepted.some(
            (r) => r.payload.seat === a.seat && r.payload.round === a.round && r.payload.value === a.value,
          ),
          `seat ${a.seat} round ${a.round}`,
        ).toBe(true);
      expect(await check.llen(`${PREFIX}:aud:${show.showId}`)).toBe(1);
    } finally {
      check.disconnect();
    }
  });
});
