// The last step of `npm run build`: V8 code cache for the bundle (dist/bin/code-cache/), which
// bin/llmcards hands to vm.Script on Node versions without module.enableCompileCache (Node 20).
// The cache is what the commands below compiled, added up run after run: the start of every
// command, and all of `due --json`, whose start-up has a target (≤ 1.5× `node -e 0`). A cache only
// matches the files of the build that made it (the build empties dist/ first), and V8 refuses one
// made by another version of itself, so a stale or foreign cache costs a compile, never a wrong run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const REPO = join(fileURLToPath(import.meta.url), '..', '..');
const BIN = join(REPO, 'bin', 'llmcards');
const DIST = join(REPO, 'dist', 'bin');
const CACHE = join(DIST, 'code-cache');

if (createRequire(import.meta.url)('node:module').enableCompileCache) {
  // Node makes its own cache there; bin/llmcards would never read this one.
  console.log('code-cache: this Node caches compiled code itself; none written');
  process.exit(0);
}

const home = mkdtempSync(join(tmpdir(), 'llmcards-code-cache-'));
const env = { ...process.env, LLMCARDS_CODE_CACHE_WRITE: '1', TZ: 'UTC', NO_COLOR: '1' };
delete env.LLMCARDS_HOME;
delete env.LLMCARDS_NOW;
const run = (...args) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: args[2] === 'init' ? { ...env, LLMCARDS_CODE_CACHE_WRITE: '' } : env,
    cwd: home,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`code-cache: llmcards ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
};
/** The review screen's first card, one answer and quit, in a pseudo-terminal (when node-pty is installed). */
async function reviewInTerminal(home, now) {
  let pty;
  try {
    pty = (await import('node-pty')).default;
  } catch {
    return;
  }
  const p = pty.spawn(process.execPath, [BIN, '--home', home, 'review', ...now], { name: 'xterm', cols: 100, rows: 40, cwd: home, env });
  let out = '';
  const exited = new Promise((resolve) => p.onExit(resolve));
  const seen = (re) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-cache: the review screen never showed ${re}: ${JSON.stringify(out.slice(-300))}`)), 20_000);
      const check = () => re.test(out) && (clearTimeout(timer), resolve());
      p.onData((d) => {
        out += d;
        check();
      });
      check();
    });
  await seen(/q quit/);
  out = '';
  p.write(' ');
  await seen(/Again/);
  out = '';
  p.write('3');
  await seen(/q quit/);
  p.write('q');
  await exited;
}

try {
  const now = ['--now', '2026-06-01T08:00:00Z'];
  run('--home', home, 'init', home);
  await reviewInTerminal(home, now);
  run('--home', home, 'due', '--json', ...now);
} finally {
  rmSync(home, { recursive: true, force: true });
}

// The entry and the common chunk are loaded by every command: without their cache the build fails.
const Module = createRequire(import.meta.url)('node:module');
const wanted = ['llmcards.cjs', readdirSync(join(DIST, 'chunks')).find((f) => f.startsWith('common-'))];
for (const name of wanted) {
  const file = name === 'llmcards.cjs' ? join(DIST, name) : join(DIST, 'chunks', name);
  const cacheFile = join(CACHE, `${name}.v8`);
  if (!existsSync(cacheFile)) throw new Error(`code-cache: no cache was written for ${name}`);
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData: readFileSync(cacheFile),
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (script.cachedDataRejected) throw new Error(`code-cache: V8 refuses the cache written for ${name}`);
}
console.log(`code-cache: ${readdirSync(CACHE).length} files cached`);
