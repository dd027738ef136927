// After the bundle is built: run the commands people run most (the hot path last) so that bin/llmcards
// records V8 code cache beside each bundle file it loads (dist/bin/**/*.cache). Part of `npm run build`.
const { spawnSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
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
