/** Mounting helpers: a fresh Pinia with the show store wired to a fake client, i18n in Vietnamese. */
import { defineShowStore } from '@cv/shared/client/pinia';
import type { HostView } from '@cv/shared/protocol';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import type { Plugin } from 'vue';
import { createConsoleI18n } from '../i18n/index.ts';
import { useConsoleStore, type ConsoleRole } from '../stores/console.ts';
import { SHOW_STORE_ID } from '../stores/show.ts';
import { FakeShowClient } from './fake-client.ts';

export interface TestContext {
  pinia: Pinia;
  fake: FakeShowClient;
  i18n: ReturnType<typeof createConsoleI18n>;
  plugins: Plugin[];
}

/** a logged-in console (role host by default) over a fake client showing `view` */
export async function loggedIn(
  view: HostView,
  role: ConsoleRole = 'host',
  authError?: string,
): Promise<TestContext> {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = new FakeShowClient({ view, authError });
  // registering the show store first under its id makes every useShowStore() in the app use the fake
  defineShowStore(SHOW_STORE_ID, { makeClient: () => fake.asClient(), tickMs: 1000 })();
  const consoleStore = useConsoleStore();
  consoleStore.configure({ storage: null, serverUrl: () => 'http://test' });
  await consoleStore.login({ role, showId: 'demo', pin: '1234' });
  const i18n = createConsoleI18n({ locale: 'vi', persist: false });
  return { pinia, fake, i18n, plugins: [pinia, i18n] };
}
