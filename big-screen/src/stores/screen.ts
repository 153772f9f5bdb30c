/** The big screen's own state: URL params, connection, and what recent show events mean for the stage. */
import { takeSecretFromLocation } from '@cv/shared/client';
import type { ShowEvent } from '@cv/shared/protocol';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { useShowStore } from './show.ts';

export interface ScreenParams {
  showId: string | null;
  token: string | null;
  /** `&overlay=1`: the transparent lower-thirds layer for a stream mixer instead of the stage */
  overlay: boolean;
}

/** the display token from the link's fragment (#token=…), taken out of the address bar */
export function parseScreenUrl(search: string, token: string | null = null): ScreenParams {
  const q = new URLSearchParams(search);
  return { showId: q.get('show')?.trim() || null, token, overlay: q.get('overlay') === '1' };
}

export type Cue = 'open' | 'lock' | 'reveal' | 'bell' | 'rescue' | 'shown';

export const useScreenStore = defineStore('screen', () => {
  const show = useShowStore();
  const params = ref<ScreenParams>(
    parseScreenUrl(globalThis.location?.search ?? '', takeSecretFromLocation('token')),
  );
  /** seats brought back by the latest rescue (toast) */
  const rescueNotice = shallowRef<{ seats: number[]; at: number } | null>(null);
  /** seats whose result the judges just changed, and to what (toast: the hall must hear of it) */
  const revisionNotice = shallowRef<{ seats: number[]; correct: boolean } | null>(null);
  let revisionTimer: ReturnType<typeof setTimeout> | null = null;
  /** a sound/animation cue; `n` changes on every cue so watchers fire on repeats */
  const cue = shallowRef<{ name: Cue; n: number } | null>(null);
  let cues = 0;
  let unsubscribe: (() => void) | null = null;
  let rescueTimer: ReturnType<typeof setTimeout> | null = null;

  const canConnect = computed(() => !!params.value.showId && !!params.value.token);

  function connect(): void {
    if (!params.value.showId || !params.value.token) return;
    show.connect({
      url: globalThis.location?.origin ?? '',
      auth: { role: 'screen', showId: params.value.showId, displayToken: params.value.token },
    });
  }

  function emitCue(name: Cue): void {
    cue.value = { name, n: ++cues };
  }

  function handle(events: ShowEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case 'question-shown':
          emitCue('shown');
          break;
        case 'answering-opened':
          emitCue('open');
          break;
        case 'locked':
          emitCue('lock');
          break;
        case 'revealed':
          emitCue('reveal');
          if (e.returned.length) showRescue(e.returned);
          break;
        case 'rescued':
          showRescue(e.seats);
          emitCue('rescue');
          break;
        case 'bell-rung':
          emitCue('bell');
          break;
        case 'verdict-revised':
          showRevision(e.seat, e.correct);
          break;
        default:
          break;
      }
    }
  }

  function showRevision(seat: number, correct: boolean): void {
    const prev = revisionNotice.value;
    const seats =
      prev && prev.correct === correct && !prev.seats.includes(seat) ? [...prev.seats, seat] : [seat];
    revisionNotice.value = { seats, correct };
    if (revisionTimer) clearTimeout(revisionTimer);
    revisionTimer = setTimeout(() => (revisionNotice.value = null), 8_000);
  }

  function showRescue(seats: number[]): void {
    rescueNotice.value = { seats, at: Date.now() };
    if (rescueTimer) clearTimeout(rescueTimer);
    rescueTimer = setTimeout(() => (rescueNotice.value = null), 7_000);
  }

  watch(
    () => show.client,
    (client) => {
      unsubscribe?.();
      unsubscribe = client ? client.onEvents((events) => handle(events)) : null;
    },
    // subscribe before the first event can arrive
    { immediate: true, flush: 'sync' },
  );

  return { params, rescueNotice, revisionNotice, cue, canConnect, connect, handle, emitCue };
});
