import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'db/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Real SQLite files and scrypt: give slow machines room.
    testTimeout: 30_000,
    pool: 'forks',
  },
});
