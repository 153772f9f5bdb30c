import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vite';
import { appConfig } from '../shared/build/vite-app.ts';

// two pages: the hall's answer board (index.html, /board/) and the online contest site (thi.html, /thi/)
export default mergeConfig(appConfig('/board/'), {
  build: {
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        thi: fileURLToPath(new URL('./thi.html', import.meta.url)),
      },
    },
  },
});
