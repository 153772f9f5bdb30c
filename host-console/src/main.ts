import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createConsoleI18n } from './i18n/index.ts';
import '@cv/shared/ui/fonts.ts';
import './styles.css';

const params = new URLSearchParams(window.location.search);
const showId = params.get('show')?.trim() || 'demo';

createApp(App, { showId }).use(createPinia()).use(createConsoleI18n()).mount('#app');
