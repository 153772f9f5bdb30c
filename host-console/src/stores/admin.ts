/** The organizers' session in the console: who is signed in, with which roles; every API call with its error toast. */
import {
  ADMIN_ROUTES,
  mayAccess,
  type AdminRouteKey,
  type SessionReply,
  type StaffAccount,
  type StaffRoleName,
} from '@cv/shared/protocol';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { AdminApi, type ApiResult } from '../admin/api.ts';
import { toErrorCode } from './console.ts';
import { useToastStore } from './toasts.ts';

export type AdminTab =
  'shows' | 'bank' | 'review' | 'units' | 'exclusions' | 'accounts' | 'audit' | 'settings';

/** which route each tab needs: a tab shows only when the person's roles allow it */
const TAB_ROUTE: Record<AdminTab, AdminRouteKey> = {
  shows: 'GET /api/admin/shows',
  bank: 'GET /api/admin/questions',
  review: 'POST /api/admin/questions/:questionId/approve',
  units: 'GET /api/admin/units',
  exclusions: 'GET /api/admin/exclusions',
  accounts: 'GET /api/admin/accounts',
  audit: 'GET /api/admin/audit',
  settings: 'GET /api/admin/settings',
};
export const ADMIN_TABS = Object.keys(TAB_ROUTE) as AdminTab[];

export const useAdminStore = defineStore('admin', () => {
  const toasts = useToastStore();
  const api = shallowRef(new AdminApi());
  const account = ref<StaffAccount | null>(null);
  const needsSetup = ref(false);
  const ready = ref(false);
  const tab = ref<AdminTab>('shows');
  const loginError = ref<string | null>(null);

  const roles = computed<StaffRoleName[]>(() => account.value?.roles ?? []);
  function may(key: AdminRouteKey): boolean {
    const route = ADMIN_ROUTES.find((r) => `${r.method} ${r.path}` === key);
    return !!route && mayAccess(route.access, roles.value);
  }
  const tabs = computed(() => ADMIN_TABS.filter((t) => may(TAB_ROUTE[t])));

  function configure(next: AdminApi): void {
    api.value = next;
  }

  function signedIn(reply: SessionReply): void {
    api.value.csrfToken = reply.csrfToken;
    account.value = reply.account;
    if (!tabs.value.includes(tab.value)) tab.value = tabs.value[0] ?? 'settings';
  }

  async function init(): Promise<void> {
    const session = await api.value.get<SessionReply>('/api/admin/session');
    if (session.ok) signedIn(session.data);
    else {
      const setup = await api.value.get<{ needsSetup: boolean }>('/api/admin/setup');
      needsSetup.value = setup.ok && setup.data.needsSetup;
    }
    ready.value = true;
  }

  async function login(username: string, password: string): Promise<boolean> {
    loginError.value = null;
    const res = await api.value.post<SessionReply>('/api/admin/login', { username, password });
    if (!res.ok) {
      loginError.value = res.error.message || toErrorCode(res.error.code);
      return false;
    }
    signedIn(res.data);
    return true;
  }

  async function setup(input: {
    setupCode: string;
    username: string;
    displayName: string;
    password: string;
  }) {
    loginError.value = null;
    const res = await api.value.post<SessionReply>('/api/admin/setup', input);
    if (!res.ok) {
      loginError.value = res.error.message;
      return false;
    }
    needsSetup.value = false;
    signedIn(res.data);
    return true;
  }

  async function logout(): Promise<void> {
    await api.value.post('/api/admin/logout');
    account.value = null;
    api.value.csrfToken = '';
  }

  /** an API call; a failure becomes a toast with the server's Vietnamese message and resolves null */
  async function call<T>(run: (api: AdminApi) => Promise<ApiResult<T>>, success?: string): Promise<T | null> {
    const res = await run(api.value);
    if (res.ok) {
      if (success) toasts.success(success);
      return res.data;
    }
    if (res.status === 401) account.value = null;
    toasts.error(`error.${toErrorCode(res.error.code)}`, undefined, res.error.message);
    return null;
  }

  return {
    api,
    account,
    roles,
    needsSetup,
    ready,
    tab,
    tabs,
    loginError,
    may,
    configure,
    init,
    login,
    setup,
    logout,
    call,
  };
});
