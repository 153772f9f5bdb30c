import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createConsoleI18n } from './i18n/index.ts';
import './styles.css';

const params = new URLSearchParams(window.location.search);
const showId = params.get('show')?.trim() || 'demo';

const i18n = createConsoleI18n();
document.documentElement.lang = i18n.global.locale.value;

createApp(App, { showId }).use(createPinia()).use(i18n).mount('#app');
