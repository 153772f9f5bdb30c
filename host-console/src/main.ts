import { createPinia } from 'pinia';
import { createApp } from 'vue';
import AdminApp from './AdminApp.vue';
import App from './App.vue';
import { createConsoleI18n } from './i18n/index.ts';
import '@cv/shared/ui/fonts.ts';
import './styles.css';

const params = new URLSearchParams(window.location.search);
// /host/admin (or ?admin): the organizers' workspace; otherwise the show console
const adminArea = /\/admin\/?$/.test(window.location.pathname) || params.has('admin');
const showId = params.get('show')?.trim() || 'demo';
// ?staff=host|judge: a signed-in MC or judge opens the console of their show without a PIN
const staff = params.get('staff');
const staffRole = staff === 'host' || staff === 'judge' ? staff : null;

const app = adminArea ? createApp(AdminApp) : createApp(App, { showId, staffRole });
app.use(createPinia()).use(createConsoleI18n()).mount('#app');
