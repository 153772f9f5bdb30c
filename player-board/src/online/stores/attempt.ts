/**
 * The attempt on this device: the server's view, the answers as the candidate sets them, and the
 * autosave queue. Every change is sent at once (latest value per question wins); failures retry
 * with a backoff and survive a reload (kept in localStorage). The clock is the server's: time left
 * is deadline − (now + offset), the offset measured when the attempt was loaded.
 */
import type { AnswerValue } from '@cv/shared/protocol';
import type { AttemptView } from '@cv/shared/protocol/online.ts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ClientError } from '../lib/api.ts';
import { useThiSession } from './session.ts';

type Slot = number | 'prediction';
type SaveState = 'idle' | 'saving' | 'saved' | 'retrying';
const PENDING_KEY = (id: string) => `cv.thi.pending.${id}`;
const RETRY_MS = [1000, 2000, 4000, 8000];

export const useAttemptStore = defineStore('thi-attempt', () => {
  const session = useThiSession();
  const view = ref<AttemptView | null>(null);
  const answers = ref<(AnswerValue | null)[]>([]);
  const prediction = ref<number | null>(null);
  const step = ref(0);
  const offset = ref(0);
  const now = ref(Date.now());
  const saveState = ref<SaveState>('idle');
  const error = ref<ClientError | null>(null);
  const submitting = ref(false);
  const pending = new Map<Slot, AnswerValue | null>();
  let flushing = false;
  let retries = 0;
  let timer: ReturnType<typeof setInterval> | null = null;

  const total = computed(() => view.value?.questions.length ?? 0);
  /** the last step reviews and submits; with a prediction question it comes just before */
  const steps = computed(() => total.value + (view.value?.prediction ? 1 : 0) + 1);
  const timeLeftMs = computed(() => (view.value ? view.value.deadline - (now.value + offset.value) : 0));
  const answeredCount = computed(() => answers.value.filter((a) => a !== null).length);
  const submitted = computed(() => view.value?.status === 'submitted');

  function persistPending() {
    if (!view.value) return;
    try {
      const entries = [...pending.entries()];
      if (entries.length) localStorage.setItem(PENDING_KEY(view.value.attemptId), JSON.stringify(entries));
      else localStorage.removeItem(PENDING_KEY(view.value.attemptId));
    } catch {
      /* storage full or private mode: the queue lives in memory */
    }
  }

  function adopt(v: AttemptView, sentAt: number) {
    // the server's "now" was read somewhere between sending and receiving: take the middle
    offset.value = v.serverNow - (sentAt + Date.now()) / 2;
    view.value = v;
    answers.value = v.answers.slice();
    prediction.value = v.predictionValue;
    if (v.status === 'open') {
      try {
        const saved = JSON.parse(localStorage.getItem(PENDING_KEY(v.attemptId)) ?? '[]') as [
          Slot,
          AnswerValue | null,
        ][];
        for (const [slot, value] of saved) queue(slot, value);
      } catch {
        /* nothing kept */
      }
      startClock();
    } else stopClock();
  }

  async function load(attemptId: string): Promise<ClientError | null> {
    const sentAt = Date.now();
    const res = await session.api.attempt(attemptId);
    if (!res.ok) {
      if (res.error.code === 'UNAUTHORIZED') session.expired();
      error.value = res.error;
      return res.error;
    }
    error.value = null;
    adopt(res.data, sentAt);
    return null;
  }

  async function start(
    roundId: string,
  ): Promise<{ ok: true; attemptId: string } | { ok: false; error: ClientError }> {
    const pow = await session.botCheck();
    if (!pow.ok) return pow;
    const sentAt = Date.now();
    const res = await session.api.start(roundId, pow.data);
    if (!res.ok) {
      if (res.error.code === 'UNAUTHORIZED') session.expired();
      return res;
    }
    step.value = 0;
    adopt(res.data, sentAt);
    return { ok: true, attemptId: res.data.attemptId };
  }

  function startClock() {
    stopClock();
    now.value = Date.now();
    timer = setInterval(() => {
      now.value = Date.now();
      if (timeLeftMs.value <= 0 && view.value?.status === 'open' && !submitting.value) void submit();
    }, 1000);
  }
  function stopClock() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  function queue(slot: Slot, value: AnswerValue | null) {
    if (slot === 'prediction') prediction.value = value as number | null;
    else answers.value[slot] = value;
    pending.set(slot, value);
    persistPending();
    void flush();
  }

  const setAnswer = (index: number, value: AnswerValue | null) => queue(index, value);
  const setPrediction = (value: number | null) => queue('prediction', value);

  async function flush(): Promise<void> {
    if (flushing || !view.value || view.value.status !== 'open') return;
    flushing = true;
    try {
      while (pending.size > 0 && view.value?.status === 'open') {
        const [slot, value] = pending.entries().next().value!;
        saveState.value = retries > 0 ? 'retrying' : 'saving';
        const res = await session.api.save(
          view.value.attemptId,
          slot === 'prediction' ? { prediction: value as number | null } : { index: slot, value },
        );
        if (res.ok) {
          retries = 0;
          // a newer value for the same question may have come in meanwhile: keep it queued
          if (pending.get(slot) === value) pending.delete(slot);
          persistPending();
          continue;
        }
        const code = res.error.code;
        if (code === 'ATTEMPT_LATE' || code === 'ATTEMPT_CLOSED') {
          pending.clear();
          persistPending();
          await load(view.value.attemptId);
          return;
        }
        if (code === 'UNAUTHORIZED') {
          session.expired();
          error.value = res.error;
          return;
        }
        if (code === 'ANSWER_INVALID' || code === 'BAD_REQUEST') {
          pending.delete(slot);
          persistPending();
          error.value = res.error;
          continue;
        }
        // offline, busy or rate limited: wait and try again
        saveState.value = 'retrying';
        await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(retries++, RETRY_MS.length - 1)]));
      }
      if (pending.size === 0) saveState.value = 'saved';
    } finally {
      flushing = false;
    }
  }

  /** submit with whatever is still queued riding along; the server counts a submit in the grace at the deadline */
  async function submit(): Promise<ClientError | null> {
    if (!view.value || submitting.value) return null;
    submitting.value = true;
    try {
      const last = [...pending.entries()];
      const body = {
        answers: last
          .filter(([slot]) => slot !== 'prediction')
          .map(([index, value]) => ({ index: index as number, value })),
        ...(pending.has('prediction') ? { prediction: pending.get('prediction') as number | null } : {}),
      };
      const res = await session.api.submit(view.value.attemptId, body);
      if (res.ok) {
        pending.clear();
        persistPending();
        adopt(res.data, Date.now());
        return null;
      }
      if (res.error.code === 'ATTEMPT_LATE' || res.error.code === 'ATTEMPT_CLOSED') {
        pending.clear();
        persistPending();
        await load(view.value.attemptId);
        return res.error;
      }
      error.value = res.error;
      return res.error;
    } finally {
      submitting.value = false;
    }
  }

  function reset() {
    stopClock();
    view.value = null;
    pending.clear();
    step.value = 0;
    error.value = null;
  }

  return {
    view,
    answers,
    prediction,
    step,
    steps,
    total,
    now,
    timeLeftMs,
    answeredCount,
    submitted,
    saveState,
    submitting,
    error,
    load,
    start,
    setAnswer,
    setPrediction,
    submit,
    reset,
  };
});
