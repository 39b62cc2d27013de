/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The repository root: the UI bundles the fonts from ../assets/fonts, so the dev server must be
// allowed to serve files from there.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  // Relative asset URLs: Tauri serves the built files from its own origin, never from a web root.
  base: './',
  plugins: [react()],
  // Keep the Tauri CLI's output visible when it runs `npm run dev`.
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows `font-src 'self'` only, so fonts must stay files and never become data: URLs.
    assetsInlineLimit: (filePath) => (/\.(ttf|otf|woff2?)$/i.test(filePath) ? false : undefined),
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 15000,
  },
});
