/** Test harness: a Pinia with the show store backed by a FakeShowClient, and the board's i18n. */
import { defineShowStore } from '@cv/shared/client/pinia';
import type { SeatSelf } from '@cv/shared/protocol';
import { createAppI18n } from '@cv/shared/i18n';
import { FakeShowClient } from '@cv/shared/ui/testing/fake-show-client.ts';
import { createPinia, setActivePinia } from 'pinia';
import { en } from '../i18n/en.ts';
import { vi as viMessages } from '../i18n/vi.ts';
import { SHOW_STORE_ID } from '../stores/show.ts';

export function setupBoard(search = '?show=demo&seat=1') {
  globalThis.history.replaceState(null, '', `/board/${search}`);
  globalThis.sessionStorage.clear();
  globalThis.localStorage.clear();
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = new FakeShowClient();
  let made = 0;
  // same id as the app's store: every useShowStore() in the app now gets this instance
  const useFakeShow = defineShowStore(SHOW_STORE_ID, {
    makeClient: () => {
      made++;
      return fake.asClient();
    },
  });
  const show = useFakeShow();
  const i18n = createAppI18n({ vi: viMessages, en }, { locale: 'vi', persist: false });
  return { pinia, fake, show, i18n, plugins: [pinia, i18n], clientsMade: () => made };
}

/** seat 1's own state as the server sends it (standing, may answer round 0) */
export const seatSelf = (patch: Partial<SeatSelf> = {}): SeatSelf => ({
  seat: 1,
  name: 'Nguyễn Thị Thu Hà',
  status: 'standing',
  eliminatedAt: null,
  rescued: false,
  bell: false,
  canAnswer: true,
  eligible: true,
  round: 0,
  answer: null,
  correct: null,
  outcome: null,
  ...patch,
});
