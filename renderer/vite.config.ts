/**
 * The renderer's Vite config. Root is this folder (index.html is the entry); `base: './'` so the
 * built files load from any origin (the Electron shell's app:// protocol, the e2e tests' local
 * static server). electron-vite reuses index.html with its own renderer config.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline <script>/<style>: the page's CSP forbids both.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
