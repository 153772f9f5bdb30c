import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vite';
import { appConfig } from '../shared/build/vite-app.ts';

// two pages: the show console (index.html) and the online rounds' admin (online.html)
export default mergeConfig(appConfig('/host/'), {
  build: {
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        online: fileURLToPath(new URL('./online.html', import.meta.url)),
      },
    },
  },
});
