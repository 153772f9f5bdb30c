/** The MC/judge session: login, permissions, sending commands with error toasts, dialogs and the active tab. */
import {
  ERROR_CODES,
  JUDGE_COMMAND_NAMES,
  type ErrorCode,
  type HostCommandName,
  type HostCommandPayload,
} from '@cv/shared/protocol';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { planStep, type StepOptions } from '../lib/next-step.ts';
import { useConfirmStore } from './confirm.ts';
import { useShowStore } from './show.ts';
import { useToastStore } from './toasts.ts';

export type ConsoleRole = 'host' | 'judge';
export type ConsoleTab = 'live' | 'seats' | 'questions' | 'results' | 'audit';

export interface ConsoleSession {
  role: ConsoleRole;
  showId: string;
  pin: string;
}

export type ConsoleDialog =
  | { kind: 'rescue' }
  | { kind: 'swap' }
  | { kind: 'tiebreak' }
  | { kind: 'golden' }
  | { kind: 'revise'; round?: number; seat?: number; correct?: boolean }
  | { kind: 'help' };

const SESSION_KEY = 'cv-host-session';
/** presses of the primary step this soon after the last one are taken as a bounce, not a decision */
export const STEP_GUARD_MS = 400;

export const toErrorCode = (code: string | undefined): ErrorCode =>
  (ERROR_CODES as readonly string[]).includes(code ?? '') ? (code as ErrorCode) : 'INTERNAL';

export interface ConsoleStoreDeps {
  /** where the socket connects; the page's own origin by default */
  serverUrl?: () => string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}

export const useConsoleStore = defineStore('console', () => {
  const show = useShowStore();
  const toasts = useToastStore();
  const confirm = useConfirmStore();

  const deps = ref<ConsoleStoreDeps>({});
  const session = ref<ConsoleSession | null>(null);
  const loginError = ref<ErrorCode | null>(null);
  const loggingIn = ref(false);
  /** the command in flight, if any: buttons show it and refuse a second press */
  const pending = ref<HostCommandName | null>(null);
  const tab = ref<ConsoleTab>('live');
  const dialog = shallowRef<ConsoleDialog | null>(null);
  /** MC option: show the next question with options hidden, read it, then show options */
  const hideOptions = ref(false);
  /** when the primary step last accepted a press: a second press this soon is a bounce (double Space) */
  let lastStepAt = -Infinity;

  const role = computed<ConsoleRole | null>(() => session.value?.role ?? null);
  const isJudge = computed(() => role.value === 'judge');
  const takenOver = computed(() => show.state?.takenOver ?? null);
  const busy = computed(() => pending.value !== null);

  const storage = () =>
    deps.value.storage !== undefined
      ? deps.value.storage
      : typeof sessionStorage === 'undefined'
        ? null
        : sessionStorage;

  function configure(next: ConsoleStoreDeps): void {
    deps.value = { ...deps.value, ...next };
  }

  function canCommand(name: HostCommandName): boolean {
    if (role.value === 'host') return true;
    if (role.value === 'judge') return JUDGE_COMMAND_NAMES.includes(name);
    return false;
  }

  function savedSession(showId: string): ConsoleSession | null {
    try {
      const raw = storage()?.getItem(SESSION_KEY);
      if (!raw) return null;
      const s = JSON.parse(raw) as ConsoleSession;
      return s.showId === showId && (s.role === 'host' || s.role === 'judge') && typeof s.pin === 'string'
        ? s
        : null;
    } catch {
      return null;
    }
  }

  async function login(next: ConsoleSession): Promise<boolean> {
    loggingIn.value = true;
    loginError.value = null;
    const url = deps.value.serverUrl?.() ?? window.location.origin;
    try {
      // no PIN: a signed-in staff member, known to the server by the session cookie
      const auth = next.pin
        ? { role: next.role, showId: next.showId, pin: next.pin }
        : { role: next.role, showId: next.showId };
      const client = show.connect({ url, auth });
      await client.ready();
      session.value = next;
      if (next.pin) storage()?.setItem(SESSION_KEY, JSON.stringify(next));
      tab.value = 'live';
      return true;
    } catch (e) {
      const message = e instanceof Error ? e.message : '';
      loginError.value = (ERROR_CODES as readonly string[]).includes(message)
        ? (message as ErrorCode)
        : 'DISCONNECTED';
      show.disconnect();
      return false;
    } finally {
      loggingIn.value = false;
    }
  }

  function logout(): void {
    show.disconnect();
    session.value = null;
    dialog.value = null;
    storage()?.removeItem(SESSION_KEY);
  }

  /** log in again with the same credentials, e.g. after another device took the console over */
  async function reconnect(): Promise<boolean> {
    const s = session.value;
    if (!s) return false;
    return login(s);
  }

  /** sends one command; every failure becomes a translated toast. Resolves true on success. */
  async function run<N extends HostCommandName>(
    name: N,
    payload?: Omit<HostCommandPayload<N>, 'version'>,
    options: { successKey?: string; successParams?: Record<string, unknown> } = {},
  ): Promise<boolean> {
    if (!canCommand(name)) {
      toasts.error('error.FORBIDDEN');
      return false;
    }
    if (pending.value) return false;
    pending.value = name;
    try {
      const res = await show.command(name, payload);
      if (res.ok) {
        if (options.successKey) toasts.success(options.successKey, options.successParams);
        return true;
      }
      const code = toErrorCode(res.error.code);
      toasts.error(`error.${code}`, undefined, code === 'INTERNAL' ? res.error.message : undefined);
      if (code === 'STALE_VERSION') {
        // the server pushes the new state anyway; a resync makes sure the buttons reflect it
        void show.resync().catch(() => undefined);
      }
      return false;
    } catch (e) {
      toasts.error('error.INTERNAL', undefined, e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      pending.value = null;
    }
  }

  /** the primary button / Space: sends the suggested step, asking first when it cannot be undone */
  async function runNextStep(options: StepOptions = {}): Promise<boolean> {
    const view = show.hostView;
    if (!view || busy.value || !canCommand('show:start')) return false;
    const now = Date.now();
    if (now - lastStepAt < STEP_GUARD_MS) return false;
    lastStepAt = now;
    const plan = planStep(view, { hideOptions: hideOptions.value, ...options });
    if (!plan.command) return false;
    if (plan.confirm) {
      const ok = await confirm.ask({
        titleKey: `confirm.${plan.step}.title`,
        bodyKey: `confirm.${plan.step}.body`,
        confirmKey: plan.labelKey,
        awards: plan.step === 'confirm-prizes' ? view.proposedPrizes : undefined,
        danger: true,
      });
      if (!ok) return false;
    }
    const { name, payload } = plan.command;
    return run(name, payload as never);
  }

  function openDialog(d: ConsoleDialog): void {
    dialog.value = d;
  }

  function closeDialog(): void {
    dialog.value = null;
  }

  /** host/judge requests outside the command set (audit, seat cards, PIN reset) with the same error toasts */
  async function request<T>(
    fn: () => Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>,
  ) {
    const res = await fn();
    if (!res.ok) toasts.error(`error.${toErrorCode(res.error.code)}`);
    return res.ok ? res.data : null;
  }

  return {
    session,
    role,
    isJudge,
    loginError,
    loggingIn,
    pending,
    busy,
    tab,
    dialog,
    hideOptions,
    takenOver,
    configure,
    canCommand,
    savedSession,
    login,
    logout,
    reconnect,
    run,
    runNextStep,
    openDialog,
    closeDialog,
    request,
  };
});
