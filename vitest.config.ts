import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing outside the process; `integration` needs the lab's real hosts
// (`npm run lab up`), and runs one file at a time so that tests do not fight over the same hosts.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
          exclude: ['**/*.lab.test.ts', 'node_modules/**'],
          environment: 'node',
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
    ],
  },
});
