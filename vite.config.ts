import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { fileURLToPath } from 'node:url';

const hub = process.env.PANTAU_HUB_URL ?? 'http://127.0.0.1:8080';

/**
 * The front end (every screen) is one Solid app under wall/, built into dist/, which the hub serves.
 * `npx vite` runs it in development against a hub on :8080 (or PANTAU_HUB_URL).
 */
export default defineConfig({
  root: fileURLToPath(new URL('./wall', import.meta.url)),
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  plugins: [solid()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB; that is expected for a wall screen.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      // Host kept as the browser sent it (changeOrigin false): the hub compares a request's Origin with its Host
      // to refuse cross-site changes, and the dev server's pages are this origin.
      '/api': { target: hub, changeOrigin: false },
      '/media': { target: hub, changeOrigin: false },
      '/socket.io': { target: hub, ws: true, changeOrigin: false },
    },
  },
});
