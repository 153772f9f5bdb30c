/**
 * No answer key in any candidate-facing payload, in any form — including the order the options were
 * shuffled into — checked over every response a candidate and the public get in a whole round, with
 * a positive control proving the scan finds each form. Plus rate limits per IP and per candidate.
 */
import type { AnswerValue } from '@cv/shared/protocol';
import type { AttemptView, SessionGrant } from '@cv/shared/protocol/online.ts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  keyFormsOf,
  leakControls,
  orderingCleanControls,
  scanAll,
  scanPayload,
  type Payload,
  type PoolItem,
} from '../support/leak-scan.ts';
import { person, roundBody } from '../support/online.ts';
import { startOnline, T0, type OnlineHarness } from './online-harness.ts';

let h: OnlineHarness;
afterEach(async () => h?.close());

describe('answer key', () => {
  it('never reaches a candidate or the public, in any form; the scan finds every form it is shown', async () => {
    h = await startOnline();
    const r = (await h.http.admin<{ roundId: string }>('POST', '/rounds', roundBody(T0, T0 + 86_400_000)))
      .body;
    const payloads: Payload[] = [];
    const record = (
      source: string,
      body: unknown,
      attemptId?: string,
      sent?: Map<number, AnswerValue | null>,
    ) => payloads.push({ source, body, attemptId, sent });

    record('form', (await h.http.candidate('GET', '/api/online/form')).body);
    record('rounds', (await h.http.candidate('GET', '/api/online/rounds')).body);
    const sentBy = new Map<string, Map<number, AnswerValue | null>>();
    for (let n = 1; n <= 6; n++) {
      const reg = await h.http.register(person(n));
      record('register', reg.body);
      const me = reg.body as SessionGrant;
      h.now.value = T0 + n * 60_000;
      const started = await h.http.start(r.roundId, me.token);
      const a = started.body as AttemptView;
      const sent = new Map<number, AnswerValue | null>();
      sentBy.set(a.attemptId, sent);
      record('start', started.body, a.attemptId, sent);
      // answer with what a candidate would type, the right text key included (it is theirs to echo)
      for (const [i, q] of a.questions.entries()) {
        const value: AnswerValue =
          q.kind === 'single'
            ? i % 4
            : q.kind === 'multi'
              ? [0, 1, 2, 3]
              : q.kind === 'truefalse'
                ? true
                : q.kind === 'text'
                  ? 'Hà Nội'
                  : q.kind === 'ordering'
                    ? q.options!.map((_, i) => i)
                    : 12;
        sent.set(i, value);
        record(
          'autosave',
          (
            await h.http.candidate(
              'PUT',
              `/api/online/attempts/${a.attemptId}/answers`,
              { index: i, value },
              me.token,
            )
          ).body,
          a.attemptId,
          sent,
        );
      }
      record(
        'resume',
        (await h.http.candidate('GET', `/api/online/attempts/${a.attemptId}`, undefined, me.token)).body,
        a.attemptId,
        sent,
      );
      record(
        'submit',
        (
          await h.http.candidate(
            'POST',
            `/api/online/attempts/${a.attemptId}/submit`,
            { prediction: 6 },
            me.token,
          )
        ).body,
        a.attemptId,
        sent,
      );
      record('me', (await h.http.candidate('GET', '/api/online/me', undefined, me.token)).body);
      record('round', (await h.http.candidate('GET', `/api/online/rounds/${r.roundId}`)).body);
    }
    h.now.value = T0 + 86_400_000;
    await h.app.online.tick();
    await h.http.admin('POST', `/rounds/${r.roundId}/results/confirm`, {});
    await h.http.admin('POST', `/rounds/${r.roundId}/results/publish`);
    record('results', (await h.http.candidate('GET', `/api/online/rounds/${r.roundId}/results`)).body);
    record('feed', (await h.http.candidate('GET', '/api/online/feed.json')).body);
    record('widget', (await h.http.candidate('GET', `/api/online/rounds/${r.roundId}/widget`)).text);

    // the scan knows the keys and each attempt's option orders from the staff side
    const poolItems = (await h.http.admin<{ questions: PoolItem[] }>('GET', `/rounds/${r.roundId}/pool`)).body
      .questions;
    const pool = poolItems.map((q) => q.question);
    const attempts = await Promise.all([...sentBy.keys()].map((id) => h.app.online.ctx.store.getAttempt(id)));
    const forms = keyFormsOf(
      poolItems,
      attempts.map((a) => a!),
    );
    expect(forms.texts.length).toBeGreaterThan(0);
    expect(forms.numbers.length).toBeGreaterThan(0);

    const result = scanAll(payloads, forms);
    expect(result.examples).toEqual([]);
    expect(result.leaks).toBe(0);
    expect(result.scanned).toBeGreaterThan(80);

    // positive control: every form of leak is found, and the staff's own pool export is full of keys
    for (const control of leakControls(
      poolItems,
      attempts.map((a) => a!),
    ))
      expect(scanPayload(control, forms), control.source).not.toEqual([]);
    // an ordering question's key is a list of places: the candidate's own, the written order and other
    // orders of the items are no leak (negative control beside the positive ones above)
    expect(forms.orderings.size).toBeGreaterThan(0);
    for (const clean of orderingCleanControls(
      poolItems,
      attempts.map((a) => a!),
    ))
      expect(scanPayload(clean, forms), clean.source).toEqual([]);
    expect(scanAll([{ source: 'admin pool', body: pool }], forms).leaks).toBe(1);
    // but a SHA-256 in hex that happens to contain a key's digits is not a leak (a PoW challenge did)
    const digest = `a${forms.numbers[0]}f${'0'.repeat(56)}`;
    expect(scanPayload({ source: 'challenge', body: { challenge: digest } }, forms)).toEqual([]);
    expect(scanPayload({ source: 'text', body: { note: `a ${forms.numbers[0]} f` } }, forms)).not.toEqual([]);
    // and the candidate's raw attempt record (draw with option orders) would be caught too
    expect(
      scanPayload({ source: 'raw attempt', body: attempts[0], attemptId: attempts[0]!.attemptId }, forms),
    ).not.toEqual([]);
  });
});

describe('rate limits (@fastify/rate-limit)', () => {
  it('per candidate: the 5th autosave within a minute is refused with 429 RATE_LIMITED; another candidate is not affected', async () => {
    h = await startOnline({
      rateLimits: {
        ipRead: 1000,
        ipChallenge: 1000,
        ipRegister: 1000,
        ipLogin: 1000,
        ipStart: 1000,
        ipAnswer: 1000,
        candidateRead: 1000,
        candidateStart: 1000,
        candidateAnswer: 4,
        candidateSubmit: 1000,
      },
    });
    const r = (await h.http.admin<{ roundId: string }>('POST', '/rounds', roundBody(T0, T0 + 86_400_000)))
      .body;
    const one = (await h.http.register(person(1))).body as SessionGrant;
    const two = (await h.http.register(person(2))).body as SessionGrant;
    h.now.value = T0 + 1;
    const a = (await h.http.start(r.roundId, one.token)).body as AttemptView;
    const b = (await h.http.start(r.roundId, two.token)).body as AttemptView;
    const save = (who: SessionGrant, att: AttemptView) =>
      h.http.call('PUT', `/api/online/attempts/${att.attemptId}/answers`, { prediction: 1 }, who.token);
    for (let i = 0; i < 4; i++) expect((await save(one, a)).status).toBe(200);
    const limited = await save(one, a);
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('RATE_LIMITED');
    expect(limited.headers.get('retry-after')).not.toBeNull();
    expect((await save(two, b)).status).toBe(200);
  });

  it('per IP: registrations beyond the limit are refused', async () => {
    h = await startOnline({
      rateLimits: {
        ipRead: 1000,
        ipChallenge: 1000,
        ipRegister: 3,
        ipLogin: 1000,
        ipStart: 1000,
        ipAnswer: 1000,
        candidateRead: 1000,
        candidateStart: 1000,
        candidateAnswer: 1000,
        candidateSubmit: 1000,
      },
    });
    const statuses: number[] = [];
    for (let n = 1; n <= 4; n++) statuses.push((await h.http.register(person(n))).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
