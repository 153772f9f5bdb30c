import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const target = process.env.CV_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/screen/',
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
