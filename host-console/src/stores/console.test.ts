import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostView } from '../test/fixtures.ts';
import { loggedIn } from '../test/setup.ts';
import { useConsoleStore } from './console.ts';
import { useShowStore } from './show.ts';
import { useToastStore } from './toasts.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('console store over a fake ShowClient', () => {
  it('logs in and exposes the host view', async () => {
    const { fake } = await loggedIn(hostView());
    const store = useConsoleStore();
    expect(store.session?.role).toBe('host');
    expect(store.loginError).toBeNull();
    expect(useShowStore().hostView?.title).toContain('Rung chuông vàng');
    expect(fake.state.connected).toBe(true);
  });

  it('reports a wrong PIN as a translated code and stays logged out', async () => {
    await loggedIn(hostView(), 'host', 'UNAUTHORIZED');
    const store = useConsoleStore();
    expect(store.session).toBeNull();
    expect(store.loginError).toBe('UNAUTHORIZED');
  });

  it('sends a command with the current version', async () => {
    const { fake } = await loggedIn(hostView({ version: 41 }));
    const ok = await useConsoleStore().run('question:lock');
    expect(ok).toBe(true);
    expect(fake.commands).toEqual([{ name: 'question:lock', payload: { version: 41 } }]);
  });

  it('on STALE_VERSION shows "Trạng thái đã thay đổi" and refreshes the view', async () => {
    const { fake, i18n } = await loggedIn(hostView());
    fake.replies.set('question:reveal', { ok: false, error: { code: 'STALE_VERSION', message: 'stale' } });
    const ok = await useConsoleStore().run('question:reveal');
    expect(ok).toBe(false);
    const toasts = useToastStore().toasts;
    expect(toasts.at(-1)).toMatchObject({ kind: 'error', key: 'error.STALE_VERSION' });
    expect(i18n.global.t(toasts.at(-1)!.key)).toBe('Trạng thái đã thay đổi, vui lòng thử lại');
    expect(fake.resyncCount).toBe(1);
  });

  it('turns every error code into a toast, unknown ones into INTERNAL', async () => {
    const { fake } = await loggedIn(hostView());
    fake.replies.set('question:open', { ok: false, error: { code: 'PAUSED', message: 'paused' } });
    fake.replies.set('question:lock', { ok: false, error: { code: 'WHAT' as never, message: 'boom' } });
    await useConsoleStore().run('question:open');
    await useConsoleStore().run('question:lock');
    const keys = useToastStore().toasts.map((t) => t.key);
    expect(keys).toEqual(['error.PAUSED', 'error.INTERNAL']);
    expect(fake.resyncCount).toBe(0);
  });

  it('refuses a second command while one is in flight', async () => {
    const { fake } = await loggedIn(hostView());
    const store = useConsoleStore();
    const first = store.run('question:lock');
    const second = await store.run('question:reveal');
    await first;
    expect(second).toBe(false);
    expect(fake.commands.map((c) => c.name)).toEqual(['question:lock']);
  });

  it('lets judges revise and pause only', async () => {
    const { fake } = await loggedIn(hostView(), 'judge');
    const store = useConsoleStore();
    expect(store.canCommand('verdict:revise')).toBe(true);
    expect(store.canCommand('show:pause')).toBe(true);
    expect(store.canCommand('question:reveal')).toBe(false);
    expect(await store.run('question:reveal')).toBe(false);
    expect(fake.commands).toEqual([]);
    expect(useToastStore().toasts.at(-1)?.key).toBe('error.FORBIDDEN');
  });

  it('shows the takeover message and can log in again', async () => {
    const { fake } = await loggedIn(hostView());
    const store = useConsoleStore();
    fake.update({ takenOver: 'Another device opened the console', connected: false });
    expect(store.takenOver).toBe('Another device opened the console');
    expect(await store.reconnect()).toBe(true);
    expect(store.session?.role).toBe('host');
  });

  it('ignores a bounced second press of the primary step', async () => {
    const { fake } = await loggedIn(hostView({ nextStep: 'open' }));
    const store = useConsoleStore();
    expect(await store.runNextStep()).toBe(true);
    expect(await store.runNextStep()).toBe(false);
    expect(fake.commands.map((c) => c.name)).toEqual(['question:open']);
  });

  it('remembers the session for a reload and forgets it on logout', async () => {
    const saved = new Map<string, string>();
    const storage = {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => void saved.set(k, v),
      removeItem: (k: string) => void saved.delete(k),
    };
    await loggedIn(hostView());
    const store = useConsoleStore();
    store.configure({ storage });
    await store.login({ role: 'judge', showId: 'demo', pin: '9' });
    expect(store.savedSession('demo')).toEqual({ role: 'judge', showId: 'demo', pin: '9' });
    expect(store.savedSession('other')).toBeNull();
    store.logout();
    expect(store.savedSession('demo')).toBeNull();
    expect(store.session).toBeNull();
  });
});
