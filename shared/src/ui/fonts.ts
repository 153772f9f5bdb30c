/**
 * One typeface for every app, shipped with the app (no CDN, no reliance on what the device has):
 * Be Vietnam Pro, drawn for Vietnamese. Vite bundles the @fontsource files next to each app's assets;
 * each weight's stylesheet splits the font by unicode range, so a device fetches only the subsets its
 * text needs (Vietnamese, Latin Extended, Latin).
 */
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import '@fontsource/be-vietnam-pro/800.css';
import '@fontsource/be-vietnam-pro/900.css';

export const APP_FONT = 'Be Vietnam Pro';
