import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start real processes; give a shared, noisy machine room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Fails the run if any test wrote to <repo>/data/llmcards.db.
    globalSetup: ['test/support/checkout-guard.ts'],
  },
});
