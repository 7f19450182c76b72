// Vite build of the console: renderer/ → renderer/dist, relative base so it loads from /app/ on the server and from a file in Electron.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dev server injects React Refresh's preamble as an inline script and CSS as <style> elements; the
 * built console needs neither, so only `vite` (serve) relaxes the page's CSP for them.
 */
const devCsp: Plugin = {
  name: 'otklik-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devCsp],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // One small inline asset would need 'unsafe-inline' or data: in the CSP; keep every asset a file.
    assetsInlineLimit: 0,
    // one bundle loaded from disk or the LAN server; zod, socket.io and the stemmer make it ~1 MB and splitting buys nothing here
    chunkSizeWarningLimit: 1600,
  },
  server: { port: 5173, strictPort: false },
});
