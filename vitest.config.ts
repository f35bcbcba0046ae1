import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Each file gets its own process: better-sqlite3 handles and temp folders never leak between files.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
