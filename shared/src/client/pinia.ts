/** Pinia setup-store factory over ShowClient: every app gets the same reactive show state and actions. */
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import type { AnswerValue, HostCommandName, HostCommandPayload, ShowEvent } from '../protocol/index.ts';
import { isHostView } from '../protocol/index.ts';
import { roundRemainingMs } from './clock.ts';
import { ShowClient, type ShowClientOptions, type ShowClientState } from './show-client.ts';

export interface ShowStoreOptions {
  /** how often the countdown re-renders */
  tickMs?: number;
  /** injectable for tests */
  makeClient?: (options: ShowClientOptions) => ShowClient;
}

export function defineShowStore(id = 'show', storeOptions: ShowStoreOptions = {}) {
  return defineStore(id, () => {
    const client = shallowRef<ShowClient | null>(null);
    const state = shallowRef<ShowClientState | null>(null);
    const clientNow = ref(Date.now());
    const lastEvents = shallowRef<ShowEvent[]>([]);
    let timer: ReturnType<typeof setInterval> | null = null;
    const unsubscribers: (() => void)[] = [];

    const view = computed(() => state.value?.view ?? null);
    const hostView = computed(() => (view.value && isHostView(view.value) ? view.value : null));
    const round = computed(() => view.value?.round ?? null);
    const self = computed(() => state.value?.self ?? null);
    const connected = computed(() => state.value?.connected ?? false);
    const remainingMs = computed<number | null>(() => {
      const r = round.value;
      return r ? roundRemainingMs(r, clientNow.value, state.value?.clockOffsetMs ?? 0) : null;
    });

    function connect(options: ShowClientOptions): ShowClient {
      disconnect();
      const c = (storeOptions.makeClient ?? ((o) => new ShowClient(o)))(options);
      client.value = c;
      state.value = c.state;
      unsubscribers.push(c.subscribe((s) => (state.value = s)));
      unsubscribers.push(c.onEvents((events) => (lastEvents.value = events)));
      timer = setInterval(() => (clientNow.value = Date.now()), storeOptions.tickMs ?? 100);
      c.connect();
      return c;
    }

    function disconnect(): void {
      for (const u of unsubscribers.splice(0)) u();
      if (timer) clearInterval(timer);
      timer = null;
      client.value?.close();
      client.value = null;
    }

    const requireClient = () => {
      if (!client.value) throw new Error('show store used before connect()');
      return client.value;
    };

    const command = <N extends HostCommandName>(name: N, payload?: Omit<HostCommandPayload<N>, 'version'>) =>
      requireClient().command(name, payload);
    const answer = (value: AnswerValue) => requireClient().answer(round.value?.index ?? -1, value);
    const audienceAnswer = (value: AnswerValue) =>
      requireClient().audienceAnswer(round.value?.index ?? -1, value);
    const resync = () => requireClient().resync();

    onScopeDispose(disconnect);

    return {
      client,
      state,
      view,
      hostView,
      round,
      self,
      connected,
      remainingMs,
      lastEvents,
      connect,
      disconnect,
      command,
      answer,
      audienceAnswer,
      resync,
    };
  });
}
