import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sharedEntry = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url));

/**
 * One config for the client build (vite) and the test runner (vitest projects:
 * unit = pure code, integration = real Redis and sockets, e2e = headless Chromium).
 */
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react()],
  resolve: { alias: { '@shared': sharedEntry } },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // zod and client/src/zodConfig.ts (jitless: our CSP has no 'unsafe-eval') in one chunk,
        // so the config runs before any other chunk builds a schema. Without this, a chunk
        // shared with a lazy page (@shared, names.ts) is evaluated before main.tsx's first
        // import and zod's `new Function` probe is reported as a CSP violation.
        codeSplitting: {
          groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|client[\\/]src[\\/]zodConfig\.ts$/ }],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/socket.io': { target: 'ws://127.0.0.1:8080', ws: true } } },
  test: {
    root: '.',
    projects: [
      { extends: true, test: { name: 'unit', root: '.', include: ['test/unit/**/*.test.{ts,tsx}'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          root: '.',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/redisGlobalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/redisGlobalSetup.ts', 'test/e2e/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
