import type { AnswerValue } from '@cv/shared/protocol';
import { makeRound, makeView } from '@cv/shared/ui/testing/fake-show-client.ts';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import { seatSelf, setupBoard } from '../test/setup.ts';
import { useAnswerStore } from './answer.ts';
import { useSessionStore } from './session.ts';

type Reply =
  | { ok: true; data: { round: number; acceptedAt: number; value: AnswerValue } }
  | { ok: false; error: { code: 'ANSWER_LATE'; message: string } };

function deferred() {
  let resolve!: (v: Reply) => void;
  const promise = new Promise<Reply>((r) => (resolve = r));
  return { promise, resolve };
}

describe('answer store', () => {
  let h: ReturnType<typeof setupBoard>;
  beforeEach(() => {
    h = setupBoard();
    useSessionStore().loginSeat(1, '1234');
    h.fake.push({
      connected: true,
      synced: true,
      view: makeView({ round: makeRound({ index: 0 }) }),
      self: seatSelf({ name: 'A' }),
    });
  });

  it('marks the answer received only once the server acks it', async () => {
    const answer = useAnswerStore();
    const d = deferred();
    h.fake.answerReply = () => d.promise;
    const sent = answer.submit(1);
    expect(answer.pending).toBe(1);
    expect(answer.confirmed).toBeNull();
    d.resolve({ ok: true, data: { round: 0, acceptedAt: 5, value: 1 } });
    await sent;
    expect(answer.pending).toBeNull();
    expect(answer.confirmed).toBe(1);
    expect(h.fake.answers).toEqual([{ round: 0, value: 1 }]);
  });

  it('keeps the error code when the server refuses, and nothing is confirmed', async () => {
    const answer = useAnswerStore();
    h.fake.answerReply = () => ({ ok: false, error: { code: 'ANSWER_LATE', message: 'late' } });
    expect(await answer.submit(2)).toBe(false);
    expect(answer.error).toBe('ANSWER_LATE');
    expect(answer.confirmed).toBeNull();
  });

  it('lets another tap change the answer until the lock', async () => {
    const answer = useAnswerStore();
    await answer.submit(0);
    await answer.submit(3);
    expect(answer.confirmed).toBe(3);
    expect(h.fake.answers.map((a) => a.value)).toEqual([0, 3]);
  });

  it('ignores a stale ack that lands after a newer tap', async () => {
    const answer = useAnswerStore();
    const first = deferred();
    const replies = [
      first.promise,
      Promise.resolve({ ok: true, data: { round: 0, acceptedAt: 2, value: 2 } } as Reply),
    ];
    h.fake.answerReply = () => replies.shift()!;
    const a = answer.submit(0);
    await answer.submit(2);
    first.resolve({ ok: true, data: { round: 0, acceptedAt: 1, value: 0 } });
    await a;
    expect(answer.confirmed).toBe(2);
  });

  it('does not send once the question is locked', async () => {
    const answer = useAnswerStore();
    h.fake.push({
      view: makeView({ round: makeRound({ index: 0, phase: 'locked' }) }),
      self: { ...h.fake.state.self!, canAnswer: false },
    });
    expect(await answer.submit(1)).toBe(false);
    expect(answer.error).toBe('ANSWER_LATE');
    expect(h.fake.answers).toHaveLength(0);
  });

  it('takes the answer the server holds after a reconnect', async () => {
    const answer = useAnswerStore();
    h.fake.push({ self: { ...h.fake.state.self!, answer: 3 } });
    await nextTick();
    expect(answer.confirmed).toBe(3);
  });

  it('starts clean on a new round', async () => {
    const answer = useAnswerStore();
    await answer.submit(1);
    h.fake.push({ view: makeView({ round: makeRound({ index: 1 }) }) });
    await nextTick();
    expect(answer.confirmed).toBeNull();
    expect(answer.roundIndex).toBe(1);
  });

  it('multi-select: ticks stay local until sent, then the server holds them', async () => {
    h.fake.push({
      view: makeView({
        round: makeRound({ index: 0, question: { ...makeRound().question, kind: 'multi' } }),
      }),
    });
    const answer = useAnswerStore();
    answer.toggleMulti(2);
    answer.toggleMulti(0);
    expect(answer.draftMulti).toEqual([0, 2]);
    expect(answer.multiDirty).toBe(true);
    await answer.submit([...answer.draftMulti]);
    expect(answer.confirmed).toEqual([0, 2]);
    expect(answer.multiDirty).toBe(false);
  });

  it('a change lost with the connection waits, the server answer stays confirmed, and it is sent again once back', async () => {
    const answer = useAnswerStore();
    await answer.submit(2);
    expect(answer.confirmed).toBe(2);
    h.fake.answerReply = () => ({ ok: false, error: { code: 'DISCONNECTED', message: 'dropped' } }) as never;
    expect(await answer.submit(0)).toBe(false);
    h.fake.push({ connected: false, synced: false });
    await nextTick();
    expect(answer.waiting).toBe(0);
    expect(answer.confirmed).toBe(2); // what the server holds
    expect(answer.error).toBeNull(); // not "not sent" beside "received": it waits
    h.fake.answerReply = (round, value) => ({ ok: true, data: { round, acceptedAt: 9, value } });
    h.fake.push({ connected: true, synced: true });
    await flushPromises();
    expect(h.fake.answers.map((a) => a.value)).toEqual([2, 0, 0]);
    expect(answer.confirmed).toBe(0);
    expect(answer.waiting).toBeNull();
  });

  it('a waiting change the server turns out to hold is not sent again', async () => {
    const answer = useAnswerStore();
    h.fake.answerReply = () => ({ ok: false, error: { code: 'TIMEOUT', message: 'slow' } }) as never;
    await answer.submit(1);
    expect(answer.waiting).toBe(1);
    h.fake.push({ connected: false, synced: false });
    h.fake.push({ self: { ...h.fake.state.self!, answer: 1 } });
    await nextTick();
    expect(answer.waiting).toBeNull();
    expect(answer.confirmed).toBe(1);
  });

  it('a waiting change still unsent at the lock is reported lost; the server answer stands', async () => {
    const answer = useAnswerStore();
    h.fake.answerReply = () => ({ ok: false, error: { code: 'DISCONNECTED', message: 'dropped' } }) as never;
    await answer.submit(3);
    h.fake.push({ connected: false, synced: false });
    h.fake.push({ view: makeView({ round: makeRound({ index: 0, phase: 'locked' }) }) });
    await nextTick();
    expect(answer.waiting).toBeNull();
    expect(answer.error).toBe('DISCONNECTED');
    expect(h.fake.answers).toHaveLength(1);
  });
});
