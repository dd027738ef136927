// After the bundle is built: run the commands people run most (the hot path last) so that bin/llmcards
// records V8 code cache beside each bundle file it loads (dist/bin/**/*.cache). Part of `npm run build`.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const bin = join(__dirname, '..', 'bin', 'llmcards');
const home = mkdtempSync(join(tmpdir(), 'llmcards-cache-'));
mkdirSync(join(home, 'decks'));
writeFileSync(join(home, 'decks', 'a.yaml'), 'cards:\n  - id: a\n    term: A\n    definition: the first letter\n');
const env = { ...process.env, LLMCARDS_CODE_CACHE_WRITE: '1', NO_COLOR: '1' };
delete env.LLMCARDS_HOME;
for (const args of [['sync'], ['next', '--json'], ['due', '--json']]) {
  const r = spawnSync(process.execPath, [bin, '--home', home, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`code cache: llmcards ${args.join(' ')} failed: ${r.stderr}`);
    process.exitCode = 1;
  }
}
rmSync(home, { recursive: true, force: true });
// Every start loads the entry and the common chunk: without their cache each start compiles them
// again. bin/llmcards gives no cache to a file holding a real import( (vm scripts cannot run one on
// Node 20), so such a call in start-up code is a build error, not a silent slowdown.
const dist = join(__dirname, '..', 'dist', 'bin');
const startup = ['llmcards.cjs', ...readdirSync(join(dist, 'chunks')).filter((f) => /^common-.*\.cjs$/.test(f)).map((f) => join('chunks', f))];
for (const file of startup) {
  if (!existsSync(join(dist, `${file}.cache`))) {
    console.error(`code cache: none for dist/bin/${file}: does it hold an import( call? use a static import or require`);
    process.exitCode = 1;
  }
}
