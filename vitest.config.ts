import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // Builds the app (electron-vite, no Electron binary needed) unless out/ is fresh.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests share one machine with 2 cores; keep the pool small so timing-sensitive network
    // tests (deadlines, trickling bodies) are not starved.
    maxWorkers: 2,
  },
});
