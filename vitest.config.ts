import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start real processes; give a shared, noisy machine room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on child processes and pseudo-terminals more than they compute, so three
    // workers keep two cores busy (vitest's default on two cores is one). The test files share no
    // global state (no mocks, no env or cwd changes), so they need not each re-import the build:
    // on an idle 2-core machine the suite took 97.5 s isolated with one worker, 43.8 s like this.
    maxWorkers: 3,
    isolate: false,
    // Fails the run if any test wrote to <repo>/data/llmcards.db.
    globalSetup: ['test/support/checkout-guard.ts'],
  },
});
