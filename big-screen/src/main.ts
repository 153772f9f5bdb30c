import { createAppI18n } from '@cv/shared/i18n';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { en } from './i18n/en.ts';
import { vi } from './i18n/vi.ts';
import '@cv/shared/ui/fonts.ts';
import './styles.css';

createApp(App).use(createPinia()).use(createAppI18n({ vi, en })).mount('#app');
