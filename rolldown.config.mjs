// The shipped CLI: one CommonJS bundle with lazily loaded chunks (dist/bin/), built after tsc.
// Bundling saves resolving and reading dozens of module files on every start, and CommonJS spares
// Node 20 the ESM loader's work for builtins (an ESM import of node:fs also loads fs/promises,
// readline and streams). `llmcards due` must start within 1.5× of `node -e 0` (issue 2).
import { defineConfig } from 'rolldown';

/** commander loads child_process (and with it net, dgram, streams) only for executable subcommands,
 * which llmcards does not use: load it when first needed instead of at start. */
const lazyChildProcess = {
  name: 'lazy-child-process',
  transform(code, id) {
    if (!id.replace(/\\/g, '/').endsWith('commander/lib/command.js')) return null;
    const eager = "const childProcess = require('node:child_process');";
    if (!code.includes(eager)) throw new Error('commander changed: update lazy-child-process in rolldown.config.mjs');
    return code.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
  },
};

export default defineConfig({
  input: { llmcards: 'src/main.ts', 'read-worker': 'src/deckfile/read-worker.ts' },
  platform: 'node',
  // better-sqlite3's JavaScript is bundled; its compiled addon is loaded from node_modules by path
  // (store/open.ts), so the `bindings` lookup it would otherwise use stays out.
  external: ['bindings', /^@open-spaced-repetition\//],
  plugins: [lazyChildProcess],
  // Entries are run, never imported: their exports need not survive chunking.
  preserveEntrySignatures: false,
  output: {
    dir: 'dist/bin',
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: 'chunks/[name]-[hash].cjs',
    // What every command needs (opening the collection, the quick sync check, today's queues) in
    // one file rather than a dozen: each file loaded costs a start-up its resolution and read.
    codeSplitting: {
      includeDependenciesRecursively: false,
      groups: [
        {
          name: 'common',
          test: /([\\/]src[\\/](errors|settings|app[\\/](context|sync|due|dashboard|history)|store[\\/][a-z-]+|core[\\/](queue|timing|states|text|notes|streak|journal)|deckfile[\\/](load|fields|problem))\.ts$)|([\\/]better-sqlite3[\\/]lib[\\/])/,
        },
      ],
    },
  },
});
