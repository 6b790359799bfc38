import { defineConfig } from 'vitest/config';

// Three projects: `unit` needs nothing outside the process; `integration` needs the lab's real hosts
// (`npm run lab up`), and runs one file at a time so that tests do not fight over the same hosts;
// `desktop` runs `npm start` with a stand-in Electron and packs an unpacked app (after the build step).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.lab.test.ts', '**/*.desktop.test.ts', 'node_modules/**'],
          environment: 'node',
          // Only takes effect in files that ask for jsdom.
          setupFiles: ['renderer/testing/dialog-polyfill.ts', 'renderer/testing/canvas-stub.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['electron/**/*.lab.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // One file at a time: `npm start` rebuilds out/, which the package check packs.
        test: { name: 'desktop', include: ['scripts/**/*.desktop.test.ts'], fileParallelism: false, testTimeout: 180_000 },
      },
    ],
  },
});
