import { createAppI18n } from '@cv/shared/i18n';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import '../styles.css';
import OnlineAdminApp from './OnlineAdminApp.vue';
import { adminEn } from './i18n/en.ts';
import { adminVi } from './i18n/vi.ts';

createApp(OnlineAdminApp)
  .use(createPinia())
  .use(createAppI18n({ vi: { admin: adminVi }, en: { admin: adminEn } }))
  .mount('#app');
