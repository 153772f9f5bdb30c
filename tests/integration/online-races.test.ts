/**
 * Races with real concurrency against a real server (port 0, real sockets, many requests in flight
 * at once), on SQLite and on Redis: one person, one registration; one open attempt; never past the
 * attempt limit. The many-nodes issue runs the same file against two nodes on one Redis.
 */
import type { AttemptView, SessionGrant } from '@cv/shared/protocol/online.ts';
import { redisTestMode, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { person, roundBody } from '../support/online.ts';
import { startOnline, T0, type OnlineHarness } from './online-harness.ts';

const redisUrl = testRedisUrl();
const redisMode = await redisTestMode(redisUrl);

const setups = [
  { store: 'sqlite', nodes: 1 },
  { store: 'redis', nodes: 1 },
  // many nodes: the same races with every request spread over two servers on the one Redis
  { store: 'redis', nodes: 2 },
] as const;

for (const { store, nodes } of setups) {
  const skip = store === 'redis' && redisMode === 'skip';
  describe.skipIf(skip)(`online races on ${store}${nodes > 1 ? `, ${nodes} nodes` : ''}`, () => {
    let h: OnlineHarness;
    afterEach(async () => h?.close());

    const open = async () => {
      if (store === 'redis' && redisMode === 'fail')
        expect.fail(`Redis is unreachable at ${redisUrl} and CI=true`);
      h = await startOnline({ store, redisUrl, nodes });
    };

    it('100 concurrent registrations of the same person create exactly one', async () => {
      await open();
      // each with its own bot check, solved beforehand so they really arrive together
      const pows = await Promise.all(Array.from({ length: 100 }, () => h.http.pow()));
      const p = person(42);
      const spellings = [
        p.phone,
        `+84 ${p.phone.slice(1)}`,
        `${p.phone.slice(0, 4)}.${p.phone.slice(4, 7)}.${p.phone.slice(7)}`,
      ];
      const results = await Promise.all(
        pows.map((pow, i) =>
          h.http.call('POST', '/api/online/register', { ...p, phone: spellings[i % 3], pow }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(99);
      expect(results.every((r) => r.status === 201 || r.text.includes('ALREADY_REGISTERED'))).toBe(true);
      expect(await h.app.online.ctx.store.countCandidates()).toBe(1);
    });

    it('20 concurrent starts with a limit of 2 give the candidate exactly 2 attempts', async () => {
      await open();
      const r = (
        await h.http.admin<{ roundId: string }>(
          'POST',
          '/rounds',
          roundBody(T0, T0 + 86_400_000, { attemptsPerRound: 2 }),
        )
      ).body;
      const me = (await h.http.register(person(5))).body as SessionGrant;
      const burst = async () => {
        const pows = await Promise.all(Array.from({ length: 20 }, () => h.http.pow()));
        return Promise.all(
          pows.map((pow) =>
            h.http.call<AttemptView>('POST', `/api/online/rounds/${r.roundId}/attempts`, { pow }, me.token),
          ),
        );
      };
      h.now.value = T0 + 1000;
      const first = await burst();
      // one attempt is created; the other 19 requests resume that same attempt
      expect(first.every((x) => x.status === 200)).toBe(true);
      expect(new Set(first.map((x) => x.body.attemptId)).size).toBe(1);
      await h.http.call('POST', `/api/online/attempts/${first[0].body.attemptId}/submit`, {}, me.token);

      const second = await burst();
      expect(new Set(second.map((x) => x.body.attemptId)).size).toBe(1);
      expect(second[0].body.number).toBe(2);
      await h.http.call('POST', `/api/online/attempts/${second[0].body.attemptId}/submit`, {}, me.token);

      const third = await burst();
      expect(third.map((x) => x.status)).toEqual(Array(20).fill(409));
      expect(third.every((x) => JSON.stringify(x.body).includes('ATTEMPT_LIMIT_ROUND'))).toBe(true);
      const attempts = await h.app.online.ctx.store.attemptsOf(r.roundId, me.candidate.candidateId);
      expect(attempts.map((a) => a.number)).toEqual([1, 2]);
    });

    it('concurrent autosaves and a submit: the score is computed from exactly the answers stored', async () => {
      await open();
      const r = (await h.http.admin<{ roundId: string }>('POST', '/rounds', roundBody(T0, T0 + 86_400_000)))
        .body;
      const me = (await h.http.register(person(6))).body as SessionGrant;
      h.now.value = T0 + 1000;
      const a = (await h.http.start(r.roundId, me.token)).body as AttemptView;
      const value = (q: AttemptView['questions'][number]) =>
        q.kind === 'single'
          ? 1
          : q.kind === 'multi'
            ? [1]
            : q.kind === 'truefalse'
              ? false
              : q.kind === 'text'
                ? 'x'
                : q.kind === 'ordering'
                  ? q.options!.map((_, i) => i)
                  : 1;
      const saves = a.questions.map((q, index) =>
        h.http.call(
          'PUT',
          `/api/online/attempts/${a.attemptId}/answers`,
          { index, value: value(q) },
          me.token,
        ),
      );
      const submit = h.http.call<AttemptView>(
        'POST',
        `/api/online/attempts/${a.attemptId}/submit`,
        {},
        me.token,
      );
      const results = await Promise.all([...saves, submit]);
      const stored = (await h.app.online.ctx.store.getAttempt(a.attemptId))!;
      expect(stored.status).toBe('submitted');
      // every save either landed before the submit (and is in the stored answers) or was refused as closed
      results.slice(0, -1).forEach((res, i) => {
        if (res.status === 200) expect(stored.answers[i]).not.toBeNull();
        else {
          expect(res.text).toContain('ATTEMPT_CLOSED');
          expect(stored.answers[i]).toBeNull();
        }
      });
      const pool = await h.app.online.ctx.pools.get(r.roundId, stored.poolVersion);
      const { countCorrect } = await import('@cv/server/online/rules/scoring.ts');
      expect(stored.score!.correct).toBe(countCorrect(stored.draw, stored.answers, pool).correct);
    });
  });
}
