import { createAppI18n } from '@cv/shared/i18n';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import OnlineApp from './OnlineApp.vue';
import { thiEn } from './i18n/en.ts';
import { thiVi } from './i18n/vi.ts';
import { createRouter, ROUTER } from './lib/router.ts';
import './thi.css';

createApp(OnlineApp)
  .use(createPinia())
  .use(createAppI18n({ vi: { thi: thiVi }, en: { thi: thiEn } }))
  .provide(ROUTER, createRouter())
  .mount('#app');
