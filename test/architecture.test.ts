/**
 * The dependency rules of STYLE.md B2, checked on the import lines of src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/home.js';

const SRC = join(REPO, 'src');
const files = (function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
})(SRC).map((abs) => ({ file: relative(SRC, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') }));

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
/** Runtime imports (type-only imports vanish when compiled, so they are not counted). */
function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].filter((m) => !/^\s*(import|export)\s+type\s/.test(m[0])).map((m) => (m[1] ?? m[2]) as string);
}
function layerOf(file: string): string {
  return file.includes('/') ? file.split('/')[0]! : file.replace(/\.ts$/, '');
}
function targetLayer(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const resolved = join(from.split('/').slice(0, -1).join('/'), spec).split('\\').join('/');
  return layerOf(resolved.replace(/\.js$/, '.ts'));
}

// What each layer may import (besides itself).
const ALLOWED: Record<string, string[]> = {
  errors: [],
  core: ['errors'],
  // Codecs of other programs' formats (Anki packages, CSV/TSV, HTML, zip): no SQL, no terminal.
  formats: ['core', 'errors'],
  deckfile: ['core', 'errors'],
  store: ['core', 'formats', 'errors'],
  settings: ['errors'],
  'settings-file': ['settings', 'errors'],
  app: ['core', 'formats', 'deckfile', 'store', 'settings', 'settings-file', 'errors'],
  cli: ['app', 'core', 'deckfile', 'store', 'settings', 'errors'],
  main: ['cli'],
};

// Packages only some places may use.
const PACKAGE_HOMES: [RegExp, RegExp][] = [
  [/^commander$/, /^(cli\/program\.ts|cli\/run\.ts|cli\/command-context\.ts|cli\/commands\/)/],
  [/^@inquirer\//, /^cli\/prompts\.ts$/],
  [/^chalk$/, /^cli\/render\//],
  [/^better-sqlite3$/, /^store\//],
  [/^(yaml|js-yaml)$/, /^(deckfile\/|settings-file\.ts$)/],
  [/^ts-fsrs$/, /^core\/scheduler\.ts$/],
  [/^node:fs$/, /^(main\.ts|cli\/input\.ts|deckfile\/(load|read-files)\.ts|settings-file\.ts|store\/(open|journal)\.ts|app\/(context|init|lint|interview|backup|export\/.*|import\/.*)\.ts)$/],
];

describe('architecture (STYLE.md B2)', () => {
  it('imports only downwards', () => {
    const bad: string[] = [];
    for (const { file, text } of files) {
      const from = layerOf(file);
      for (const spec of importsOf(text)) {
        const to = targetLayer(file, spec);
        if (to && to !== from && !(ALLOWED[from] ?? []).includes(to)) bad.push(`${file} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps each library in its one place', () => {
    const bad: string[] = [];
    for (const { file, text } of files) {
      for (const spec of importsOf(text)) {
        for (const [pkg, home] of PACKAGE_HOMES) if (pkg.test(spec) && !home.test(file)) bad.push(`${file} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('reads the clock, randomness and the process only in main.ts', () => {
    const bad: string[] = [];
    const forbidden = [/new Date\(\)/, /Date\.now\(/, /Math\.random\(/, /process\.(exit|argv|env)\b/, /randomInt|randomBytes/];
    for (const { file, text } of files) {
      if (file === 'main.ts') continue;
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const re of forbidden) if (re.test(code)) bad.push(`${file}: ${re.source}`);
    }
    expect(bad).toEqual([]);
  });

  it('has a pure core: no node: modules, no SQL, no terminal', () => {
    const bad = files.filter((f) => f.file.startsWith('core/') && /from ['"](node:|better-sqlite3|chalk|commander|@inquirer)/.test(f.text)).map((f) => f.file);
    expect(bad).toEqual([]);
  });

  it('keeps the formats layer free of SQL, the terminal and the file system', () => {
    const bad = files.filter((f) => f.file.startsWith('formats/') && /from ['"](node:fs|fs|better-sqlite3|chalk|commander|@inquirer)/.test(f.text)).map((f) => f.file);
    expect(bad).toEqual([]);
  });
});

describe('start-up (issue 2: `due` within 1.5x of node -e 0)', () => {
  it('command files load their work lazily: static imports are only the wiring', () => {
    const allowed = /^(commander|\.\.\/\.\.\/errors\.js|\.\.\/globals\.js|\.\.\/command-context\.js|\.\/[a-z-]+\.js|\.\.\/\.\.\/core\/states\.js)$/;
    const bad: string[] = [];
    for (const { file, text } of files) {
      if (!file.startsWith('cli/commands/')) continue;
      const staticImports = [...text.matchAll(/(?:^|\n)\s*import\s(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const spec of staticImports) if (!allowed.test(spec)) bad.push(`${file} imports ${spec}`);
    }
    expect(bad).toEqual([]);
  });
});
