/** Who this board is (contestant seat or audience member) and how it signs in; remembers login params. */
import { takeSecretFromLocation } from '@cv/shared/client';
import type { AuthPayload } from '@cv/shared/protocol';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useShowStore } from './show.ts';

export type BoardMode = 'player' | 'audience';

export interface UrlParams {
  showId: string | null;
  seat: number | null;
  joinToken: string | null;
  mode: BoardMode;
}

/** `joinToken`: from the seat card link's fragment (#t=…), already taken out of the address bar */
export function parseBoardUrl(search: string, joinToken: string | null = null): UrlParams {
  const q = new URLSearchParams(search);
  const seat = Number(q.get('seat'));
  return {
    showId: q.get('show')?.trim() || null,
    seat: Number.isInteger(seat) && seat > 0 ? seat : null,
    joinToken,
    mode: q.get('mode') === 'audience' ? 'audience' : 'player',
  };
}

const SEAT_KEY = (showId: string) => `cv.board.${showId}.seat`;
const AUDIENCE_KEY = (showId: string) => `cv.board.${showId}.audience`;

interface SavedSeat {
  seat: number;
  pin: string;
}
interface SavedAudience {
  name: string;
  audienceId?: string;
}

function readJson<T>(storage: Storage | undefined, key: string): T | null {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
function writeJson(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    /* storage unavailable (private mode): the login just is not remembered */
  }
}

export const useSessionStore = defineStore('session', () => {
  const show = useShowStore();
  const params = ref<UrlParams>(
    parseBoardUrl(globalThis.location?.search ?? '', takeSecretFromLocation('t')),
  );
  const auth = ref<AuthPayload | null>(null);
  /** the server refused the login (code), shown on the form */
  const loginError = ref<string | null>(null);

  const mode = computed(() => params.value.mode);
  const showId = computed(() => params.value.showId);
  const loggedIn = computed(() => auth.value !== null);
  const takenOver = computed(() => show.state?.takenOver ?? null);

  const session = () => globalThis.sessionStorage;
  const local = () => globalThis.localStorage;

  const savedSeat = () => (showId.value ? readJson<SavedSeat>(session(), SEAT_KEY(showId.value)) : null);
  const savedAudience = () =>
    showId.value ? readJson<SavedAudience>(local(), AUDIENCE_KEY(showId.value)) : null;

  function connectWith(payload: AuthPayload): void {
    loginError.value = null;
    auth.value = payload;
    show.connect({ url: globalThis.location?.origin ?? '', auth: payload });
  }

  function loginSeat(seat: number, pin: string): void {
    if (!showId.value) return;
    writeJson(session(), SEAT_KEY(showId.value), { seat, pin } satisfies SavedSeat);
    connectWith({ role: 'player', showId: showId.value, seat, pin });
  }

  function loginToken(joinToken: string): void {
    if (!showId.value) return;
    connectWith({ role: 'player', showId: showId.value, joinToken });
  }

  function loginAudience(name: string): void {
    if (!showId.value) return;
    const prev = savedAudience();
    const audienceId = prev?.name === name ? prev.audienceId : undefined;
    writeJson(local(), AUDIENCE_KEY(showId.value), { name, audienceId } satisfies SavedAudience);
    connectWith({ role: 'audience', showId: showId.value, name, ...(audienceId ? { audienceId } : {}) });
  }

  /** sign in straight away when the URL or this tab already holds what is needed */
  function autoLogin(): boolean {
    if (!showId.value) return false;
    if (mode.value === 'audience') {
      const a = savedAudience();
      if (a?.name) {
        loginAudience(a.name);
        return true;
      }
      return false;
    }
    if (params.value.joinToken) {
      loginToken(params.value.joinToken);
      return true;
    }
    const s = savedSeat();
    if (s && (params.value.seat === null || params.value.seat === s.seat)) {
      loginSeat(s.seat, s.pin);
      return true;
    }
    return false;
  }

  /** back to the form (wrong PIN, or after a takeover) */
  function logout(forget = true): void {
    show.disconnect();
    auth.value = null;
    if (forget && showId.value) writeJson(session(), SEAT_KEY(showId.value), null);
  }

  /** after a takeover: sign in again on purpose (this takes the seat back) */
  function loginAgain(): void {
    if (auth.value) connectWith(auth.value);
  }

  function setShowId(id: string): void {
    params.value = { ...params.value, showId: id.trim() || null };
  }

  // the server refused the credentials: stop and show the form with the reason
  watch(
    () => show.state?.authError ?? null,
    (code) => {
      if (!code || !auth.value || show.state?.synced) return;
      if (
        code === 'UNAUTHORIZED' ||
        code === 'LOCKED' ||
        code === 'RATE_LIMITED' ||
        code === 'TAKEOVER_DENIED' ||
        code === 'SHOW_NOT_FOUND' ||
        code === 'SHOW_UNAVAILABLE' ||
        code === 'FORBIDDEN' ||
        code === 'BAD_REQUEST'
      ) {
        logout(true);
        loginError.value = code;
      }
    },
  );

  // keep the audience id the server gave us, so a reload keeps the score
  watch(
    () => show.state?.session ?? null,
    (s) => {
      if (s?.role === 'audience' && s.audienceId && showId.value) {
        writeJson(local(), AUDIENCE_KEY(showId.value), { name: s.name ?? '', audienceId: s.audienceId });
        if (auth.value?.role === 'audience' && auth.value.audienceId !== s.audienceId) {
          auth.value = { ...auth.value, audienceId: s.audienceId }; // the SDK reconnects with it by itself
        }
      }
    },
  );

  return {
    params,
    auth,
    loginError,
    mode,
    showId,
    loggedIn,
    takenOver,
    savedSeat,
    savedAudience,
    loginSeat,
    loginToken,
    loginAudience,
    autoLogin,
    logout,
    loginAgain,
    setShowId,
  };
});
