/** The one Vite set-up of the three apps: served by the server under `base`, proxied to it in dev. */
import vue from '@vitejs/plugin-vue';
import { defineConfig, type UserConfig } from 'vite';

export function appConfig(base: '/host/' | '/board/' | '/screen/'): UserConfig {
  const target = process.env.CV_SERVER ?? 'http://127.0.0.1:3000';
  return defineConfig({
    base,
    plugins: [vue()],
    build: { outDir: 'dist', emptyOutDir: true },
    server: {
      proxy: {
        '/api': target,
        '/media': target,
        '/socket.io': { target, ws: true },
      },
    },
  });
}
