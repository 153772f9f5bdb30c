/**
 * The contestant's (or audience member's) answer to the current round: draft → pending → confirmed.
 * "Confirmed" comes only from the server: the ack of answer:submit, or the answer the server reports in
 * seat:self / audience:self (e.g. after a reconnect). A tap lost with the connection (no ack: the
 * server may not have it) is kept as "waiting" and sent again once the device is back and may still
 * answer; the server's answer stays what is confirmed meanwhile. Switching round clears everything.
 */
import type { Ack, AnswerReceipt, AnswerValue, AudienceAnswerReceipt, ErrorCode } from '@cv/shared/protocol';
import { kindSpec, sameAnswer } from '@cv/shared/protocol';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useSessionStore } from './session.ts';
import { useShowStore } from './show.ts';

const withValue = (res: Ack<AudienceAnswerReceipt>, value: AnswerValue): Ack<AnswerReceipt> =>
  res.ok ? { ok: true, data: { ...res.data, value } } : res;

export const useAnswerStore = defineStore('answer', () => {
  const show = useShowStore();
  const session = useSessionStore();

  const roundIndex = ref<number | null>(null);
  /** sent, no ack yet */
  const pending = ref<AnswerValue | null>(null);
  /** the server accepted this one */
  const confirmed = ref<AnswerValue | null>(null);
  /** sent, but the connection dropped before any answer: to be sent again when back */
  const waiting = ref<AnswerValue | null>(null);
  /** server time the answer was accepted */
  const acceptedAt = ref<number | null>(null);
  const error = ref<ErrorCode | null>(null);
  /** multi-select ticks not sent yet */
  const draftMulti = ref<number[]>([]);
  /** text/numeric input not sent yet */
  const draftText = ref('');
  let seq = 0;

  const isAudience = computed(() => session.mode === 'audience');
  const round = computed(() => show.round);
  const paused = computed(() => show.view?.paused ?? false);
  /** the same answer to the current question (its kind says whether order matters) */
  const same = (a: AnswerValue | null, b: AnswerValue | null) =>
    round.value ? sameAnswer(round.value.question.kind, a, b) : a === b;

  /** what the server says this device answered in the current round */
  const serverAnswer = computed<AnswerValue | null>(() => {
    const r = round.value;
    if (!r) return null;
    if (isAudience.value) {
      const a = show.state?.audience;
      return a && a.round === r.index ? a.answer : null;
    }
    const s = show.self;
    return s && s.round === r.index ? s.answer : null;
  });

  /** this device may answer the current round now */
  const canAnswer = computed(() => {
    const r = round.value;
    if (!r || r.phase !== 'answering' || paused.value || !show.connected) return false;
    if (isAudience.value) return true;
    const s = show.self;
    if (!s) return false;
    // seat:self may lag the new round by a moment: fall back on the round's eligible list
    return s.round === r.index ? s.canAnswer : r.eligibleSeats.includes(s.seat);
  });

  /** answering in this round at all (eligible seat, or the audience) */
  const eligible = computed(() => {
    if (isAudience.value) return true;
    const r = round.value;
    const s = show.self;
    if (!r || !s) return false;
    return r.eligibleSeats.includes(s.seat);
  });

  const sending = computed(() => pending.value !== null);

  function reset(index: number | null): void {
    roundIndex.value = index;
    pending.value = null;
    confirmed.value = null;
    waiting.value = null;
    acceptedAt.value = null;
    error.value = null;
    draftMulti.value = [];
    draftText.value = '';
    seq++;
  }

  watch(
    () => round.value?.index ?? null,
    (index) => {
      if (index !== roundIndex.value) reset(index);
    },
    { immediate: true },
  );

  // the server's own record wins (reconnect, or the other device's answer before a takeover)
  watch(serverAnswer, (value) => {
    if (value !== null) {
      confirmed.value = value;
      if (
        Array.isArray(value) &&
        pending.value === null &&
        round.value &&
        kindSpec(round.value.question.kind).input === 'pick-many'
      )
        draftMulti.value = [...value];
      // the lost tap had reached the server after all
      if (waiting.value !== null && same(waiting.value, value)) waiting.value = null;
    }
  });

  // back and resynced: send the change that never got an answer, if the seat may still answer
  // (only on coming back, so a failing send is never retried in a loop)
  watch(
    () => show.connected && (show.state?.synced ?? false),
    (back, was) => {
      if (back && !was && waiting.value !== null && canAnswer.value && pending.value === null)
        void submit(waiting.value);
    },
  );
  // too late now: the change is lost, and the contestant is told (the server's answer stands)
  watch(
    () => round.value?.phase,
    (phase) => {
      if (waiting.value !== null && (phase === 'locked' || phase === 'revealed')) {
        waiting.value = null;
        error.value = 'DISCONNECTED';
      }
    },
  );

  async function submit(value: AnswerValue): Promise<boolean> {
    const r = round.value;
    if (!r) return false;
    if (!canAnswer.value) {
      error.value =
        r.phase === 'locked' || r.phase === 'revealed'
          ? 'ANSWER_LATE'
          : paused.value
            ? 'PAUSED'
            : 'WRONG_PHASE';
      if (!show.connected) error.value = 'DISCONNECTED';
      return false;
    }
    const mine = ++seq;
    pending.value = value;
    waiting.value = null;
    error.value = null;
    // the audience's ack carries no value: what was sent is what the server stored
    const res = isAudience.value
      ? withValue(await show.audienceAnswer(value), value)
      : await show.answer(value);
    if (mine !== seq) return res.ok; // a newer tap or another round took over
    pending.value = null;
    if (!res.ok && (res.error.code === 'DISCONNECTED' || res.error.code === 'TIMEOUT')) {
      // no answer from the server: it may or may not hold this value; say so, and try again when back
      if (!same(value, confirmed.value)) waiting.value = value;
      return false;
    }
    if (res.ok) {
      confirmed.value = res.data.value;
      acceptedAt.value = res.data.acceptedAt;
      return true;
    }
    error.value = res.error.code;
    return false;
  }

  function toggleMulti(option: number): void {
    const set = new Set(draftMulti.value);
    if (set.has(option)) set.delete(option);
    else set.add(option);
    draftMulti.value = [...set].sort((a, b) => a - b);
  }

  /** the multi-select ticks differ from what the server holds */
  const multiDirty = computed(() => !same(draftMulti.value, confirmed.value ?? []));

  return {
    roundIndex,
    pending,
    confirmed,
    waiting,
    acceptedAt,
    error,
    draftMulti,
    draftText,
    canAnswer,
    eligible,
    sending,
    multiDirty,
    submit,
    toggleMulti,
    reset,
  };
});
