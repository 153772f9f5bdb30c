/** The online admin's state: who is signed in, the rounds, which one is open and on which tab. */
import type { RoundAdmin } from '@cv/shared/protocol/online.ts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { AdminApi, type ContestInfo } from './lib/api.ts';

export type Tab = 'dashboard' | 'settings' | 'results' | 'audit';
const TABS: Tab[] = ['dashboard', 'settings', 'results', 'audit'];

export const useOnlineAdmin = defineStore('online-admin', () => {
  const api = new AdminApi();
  const signedIn = ref(false);
  const rounds = ref<RoundAdmin[]>([]);
  const contest = ref<ContestInfo | null>(null);
  const params = new URLSearchParams(location.search);
  /** a round id, 'new' for the creation form, 'settings' for the general settings, or null */
  const selected = ref<string | null>(params.get('round'));
  const tab = ref<Tab>(TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'dashboard');
  const error = ref<string | null>(null);
  const staffName = ref<string | null>(null);

  function remember() {
    const q = new URLSearchParams();
    if (selected.value) q.set('round', selected.value);
    if (selected.value && tab.value !== 'dashboard') q.set('tab', tab.value);
    history.replaceState(null, '', `${location.pathname}${q.size ? `?${q}` : ''}`);
  }

  async function refresh(): Promise<boolean> {
    const res = await api.rounds();
    if (!res.ok) {
      error.value = res.error.message;
      if (res.error.code === 'UNAUTHORIZED') signedIn.value = false;
      return false;
    }
    error.value = null;
    signedIn.value = true;
    rounds.value = res.data;
    const info = await api.contest();
    if (info.ok) contest.value = info.data;
    return true;
  }

  /** signed in at /host/admin already? then no token is needed */
  async function resume(): Promise<boolean> {
    if (api.token) return refresh();
    const session = await api.session();
    if (!session) return false;
    staffName.value = session.account.displayName;
    return refresh();
  }

  async function login(token: string): Promise<boolean> {
    api.setToken(token.trim());
    const ok = await refresh();
    if (!ok) api.setToken(null);
    return ok;
  }

  function logout() {
    api.setToken(null);
    api.csrf = null;
    signedIn.value = false;
    rounds.value = [];
  }

  function open(id: string | null, next: Tab = 'dashboard') {
    selected.value = id;
    tab.value = next;
    remember();
  }

  function show(next: Tab) {
    tab.value = next;
    remember();
  }

  /** a round came back from the server changed: put it in the list */
  function replace(round: RoundAdmin) {
    const i = rounds.value.findIndex((r) => r.roundId === round.roundId);
    if (i >= 0) rounds.value[i] = round;
    else rounds.value.push(round);
  }

  return {
    api,
    signedIn,
    staffName,
    resume,
    rounds,
    contest,
    selected,
    tab,
    error,
    refresh,
    login,
    logout,
    open,
    show,
    replace,
  };
});
