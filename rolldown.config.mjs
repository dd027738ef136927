// The shipped CLI: one CommonJS bundle with lazily loaded chunks (dist/bin/), built after tsc.
// Bundling saves resolving and reading dozens of module files on every start, and CommonJS spares
// Node 20 the ESM loader's work for builtins (an ESM import of node:fs also loads fs/promises,
// readline and streams). `llmcards due` must start within 1.5× of `node -e 0` (issue 2).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'rolldown';

/**
 * commander requires child_process (and with it net, dgram and streams) at load, for executable
 * subcommands, which llmcards does not have: its import of it is resolved to a stand-in that
 * requires the real module on first use. Measured on 2 loaded cores: require('child_process')
 * takes 28-43 ms there, against 0.7 s for `node -e 0`; on an idle machine some 4 ms of a 65 ms start.
 * A resolution hook, not an edit of commander's text: nothing here depends on how commander is written.
 */
const LAZY_CHILD_PROCESS = '\0lazy-child-process';
const lazyChildProcess = {
  name: 'lazy-child-process',
  resolveId(source, importer) {
    if ((source === 'node:child_process' || source === 'child_process') && importer && /[\\/]node_modules[\\/]commander[\\/]/.test(importer))
      return LAZY_CHILD_PROCESS;
    return null;
  },
  load(id) {
    if (id !== LAZY_CHILD_PROCESS) return null;
    return "let real;\nmodule.exports = new Proxy({}, { get: (_, name) => (real ??= require('node:child_process'))[name] });\n";
  },
};

/**
 * The licence notices of the packages bundled into dist/bin (MIT, ISC, BSD-3-Clause: each asks for
 * its notice to travel with copies), written beside the bundle as THIRD-PARTY-NOTICES.md.
 */
const thirdPartyNotices = {
  name: 'third-party-notices',
  generateBundle(_options, bundle) {
    const packages = new Map();
    for (const chunk of Object.values(bundle)) {
      for (const id of chunk.moduleIds ?? []) {
        const m = /^(.*[\\/]node_modules[\\/])((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
        if (m) packages.set(m[2].replace(/\\/g, '/'), m[1] + m[2]);
      }
    }
    let text = '# Third-party notices\n\nThe files in dist/bin bundle the following packages. Their licences follow.\n';
    for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
      if (!file) throw new Error(`third-party notices: ${name} has no licence file`);
      text += `\n## ${name} ${pkg.version} (${pkg.license})\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
    }
    this.emitFile({ type: 'asset', fileName: 'THIRD-PARTY-NOTICES.md', source: text });
  },
};

export default defineConfig({
  input: { llmcards: 'src/main.ts', 'read-worker': 'src/deckfile/read-worker.ts' },
  platform: 'node',
  // better-sqlite3's JavaScript is bundled; its compiled addon is loaded from node_modules by path
  // (store/open.ts), so the `bindings` lookup it would otherwise use stays out.
  external: ['bindings', /^@open-spaced-repetition\//],
  plugins: [lazyChildProcess, thirdPartyNotices],
  // Entries are run, never imported: their exports need not survive chunking.
  preserveEntrySignatures: false,
  output: {
    dir: 'dist/bin',
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: 'chunks/[name]-[hash].cjs',
    // ASCII only, without JSDoc: a source with one non-ASCII character is a two-byte string for V8,
    // twice the memory and twice the time to read (common: 2.0 -> 1.0 ms per read, measured), and the
    // bundle is run, not read by people (dist/ keeps tsc's commented output). Licences stay.
    charset: 'ascii',
    comments: { legal: true, annotation: true, jsdoc: false },
    // What every command needs (opening the collection, the quick sync check, today's queues) in
    // one file rather than a dozen: each file loaded costs a start-up its resolution and read.
    codeSplitting: {
      includeDependenciesRecursively: false,
      groups: [
        {
          name: 'common',
          test: /([\\/]src[\\/](errors|settings|app[\\/](context|sync|due|dashboard|history|deck-errors)|store[\\/][a-z-]+|core[\\/](queue|timing|states|text|notes|streak|journal|iso-time)|deckfile[\\/](load|fields|problem))\.ts$)|([\\/]better-sqlite3[\\/]lib[\\/])/,
        },
      ],
    },
  },
});
