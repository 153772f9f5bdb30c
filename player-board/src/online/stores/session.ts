/** Who is signed in on this device, and the API client that carries their session. */
import type { RegistrationInput, SessionGrant } from '@cv/shared/protocol/online.ts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { loadSession, OnlineApi, saveSession, type Result, type StoredSession } from '../lib/api.ts';
import { solvePow } from '../lib/pow.ts';

export const useThiSession = defineStore('thi-session', () => {
  const stored = loadSession();
  const session = ref<StoredSession | null>(stored);
  const api = new OnlineApi('', stored?.token ?? null);
  /** 0..1 while the bot check runs, else null */
  const checking = ref<number | null>(null);

  const signedIn = computed(() => session.value !== null);

  function keep(grant: SessionGrant) {
    session.value = { token: grant.token, expiresAt: grant.expiresAt, candidate: grant.candidate };
    api.token = grant.token;
    saveSession(session.value);
  }

  function logout() {
    session.value = null;
    api.token = null;
    saveSession(null);
  }

  /** fetch a challenge and solve it, reporting progress */
  async function botCheck(): Promise<Result<string>> {
    const challenge = await api.challenge();
    if (!challenge.ok) return challenge;
    checking.value = 0;
    try {
      return { ok: true, data: await solvePow(challenge.data, (f) => (checking.value = f)) };
    } finally {
      checking.value = null;
    }
  }

  async function register(input: RegistrationInput): Promise<Result<SessionGrant>> {
    const pow = await botCheck();
    if (!pow.ok) return pow;
    const result = await api.register(input, pow.data);
    if (result.ok) keep(result.data);
    return result;
  }

  async function login(idNumber: string, phone: string): Promise<Result<SessionGrant>> {
    const result = await api.login(idNumber, phone);
    if (result.ok) keep(result.data);
    return result;
  }

  /** a 401 anywhere means the session is gone */
  function expired() {
    logout();
  }

  return { session, api, signedIn, checking, register, login, logout, botCheck, expired };
});
