/**
 * The dependency rules of STYLE.md B2, checked on the syntax trees of src/ (the TypeScript compiler
 * API: every import, export … from, import(), require() and side-effect import, with builtins named
 * with or without `node:`). Each rule is a function of the files, run on src/ as it is and, below it,
 * on src/ plus an injected violation, to show that the rule can fail.
 */
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/home.js';

interface SourceFile {
  /** path under src/, with forward slashes */
  file: string;
  text: string;
}

const SRC = join(REPO, 'src');
const SOURCES: SourceFile[] = (function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
})(SRC).map((abs) => ({ file: relative(SRC, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') }));

// ---------------------------------------------------------------------------------------------
// What a file uses, read from its syntax tree.

interface ModuleUse {
  /** the module as written, builtins as `node:name` */
  spec: string;
  /** erased when compiled (import type, or only type-only names) */
  typeOnly: boolean;
  /** a static import/export at the top, as opposed to import() or require() */
  isStatic: boolean;
}

const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '')));
/** `fs`, `node:fs`, `fs/promises` → `node:fs`, `node:fs/promises`; anything else as it is. */
function normalize(spec: string): string {
  const bare = spec.replace(/^node:/, '');
  return BUILTINS.has(bare) || spec.startsWith('node:') ? `node:${bare}` : spec;
}

const parsed = new Map<string, ts.SourceFile>();
function tree(f: SourceFile): ts.SourceFile {
  const key = `${f.file}\0${f.text}`;
  let t = parsed.get(key);
  if (!t) parsed.set(key, (t = ts.createSourceFile(f.file, f.text, ts.ScriptTarget.Latest, true)));
  return t;
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

/** A reading of a file's tree, made once per file (the injection tests run every rule again). */
function perFile<T>(read: (f: SourceFile) => T): (f: SourceFile) => T {
  const cache = new WeakMap<ts.SourceFile, T>();
  return (f) => {
    const t = tree(f);
    if (!cache.has(t)) cache.set(t, read(f));
    return cache.get(t)!;
  };
}

const usesOf = perFile((f: SourceFile): ModuleUse[] => {
  const out: ModuleUse[] = [];
  const add = (spec: ts.Expression | undefined, typeOnly: boolean, isStatic: boolean) => {
    if (spec && ts.isStringLiteralLike(spec)) out.push({ spec: normalize(spec.text), typeOnly, isStatic });
  };
  walk(tree(f), (n) => {
    if (ts.isImportDeclaration(n)) {
      const c = n.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const typeOnly = c !== undefined && (c.isTypeOnly || (!c.name && named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(n.moduleSpecifier, typeOnly, true);
    } else if (ts.isExportDeclaration(n)) {
      const named = n.exportClause && ts.isNamedExports(n.exportClause) ? n.exportClause.elements : undefined;
      add(n.moduleSpecifier, n.isTypeOnly || (named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)), true);
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
      add(n.moduleReference.expression, n.isTypeOnly, true);
    } else if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      // require('x'), createRequire(…)('x'), module.require('x')
      const isRequire =
        (ts.isIdentifier(callee) && callee.text === 'require') ||
        ts.isCallExpression(callee) ||
        (ts.isPropertyAccessExpression(callee) && callee.name.text === 'require');
      if (isImport || isRequire) add(n.arguments[0], false, false);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) {
      add(n.argument.literal as ts.Expression, true, false);
    }
  });
  return out;
});

/** The layer a path under src/ belongs to: its first folder, or the file's own name at the top. */
function layerOf(file: string): string {
  return file.includes('/') ? file.split('/')[0]! : file.replace(/\.ts$/, '');
}
/** The file a relative specifier points at, under src/; null for a package or builtin. */
function resolveIn(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return posix.join(posix.dirname(from), spec).replace(/\.js$/, '.ts');
}

// ---------------------------------------------------------------------------------------------
// The rules. Each returns its violations, one line each.

type Rule = (files: readonly SourceFile[]) => string[];

// What each layer may import at run time (besides itself), and what only for types.
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
  // The command line works through app/; it may name core's values (ratings, text helpers) and
  // deckfile's problem format, and store/'s types only.
  cli: ['app', 'core', 'deckfile', 'settings', 'errors'],
  main: ['cli'],
};
const TYPES_ALSO: Record<string, string[]> = { cli: ['store'] };

const importsDownwards: Rule = (files) =>
  files.flatMap((f) => {
    const from = layerOf(f.file);
    return usesOf(f).flatMap((u) => {
      const target = resolveIn(f.file, u.spec);
      if (!target) return [];
      const to = layerOf(target);
      const ok = to === from || (ALLOWED[from] ?? []).includes(to) || (u.typeOnly && (TYPES_ALSO[from] ?? []).includes(to));
      return ok ? [] : [`${f.file} imports ${u.spec}${u.typeOnly ? ' (types)' : ''}`];
    });
  });

// Packages and builtins only some places may use (builtins with or without `node:`).
const PACKAGE_HOMES: [RegExp, RegExp][] = [
  [/^commander$/, /^(cli\/program\.ts|cli\/run\.ts|cli\/command-context\.ts|cli\/commands\/)/],
  [/^@inquirer\//, /^cli\/prompts\.ts$/],
  [/^chalk$/, /^cli\/render\//],
  [/^better-sqlite3$/, /^store\//],
  [/^(yaml|js-yaml)$/, /^(deckfile\/|settings-file\.ts$)/],
  [/^ts-fsrs$/, /^core\/scheduler\.ts$/],
  [
    /^node:fs(\/promises)?$/,
    /^(main\.ts|cli\/input\.ts|deckfile\/(load|read-files)\.ts|settings-file\.ts|store\/(open|journal)\.ts|cli\/git-sync\.ts|app\/(context|init|lint|interview|backup|export\/.*|import\/.*)\.ts)$/,
  ],
  [
    /^node:(child_process|worker_threads|module|vm)$/,
    /^(main\.ts|cli\/(editor|completion|media|git-sync)\.ts|deckfile\/read-(files|worker)\.ts|store\/((anki\/)?open|native)\.ts|app\/optimize\.ts)$/,
  ],
];
const librariesAtHome: Rule = (files) =>
  files.flatMap((f) =>
    usesOf(f)
      .filter((u) => !u.typeOnly)
      .flatMap((u) => PACKAGE_HOMES.filter(([pkg, home]) => pkg.test(u.spec) && !home.test(f.file)).map(() => `${f.file} uses ${u.spec}`)),
  );

/** The ambient clock, randomness and process state, which only main.ts reads (STYLE C4). */
const ambientUses = perFile((f: SourceFile): string[] => {
  const found: string[] = [];
  const text = (n: ts.Node) => n.getText(tree(f)).replace(/\s+/g, '');
  walk(tree(f), (n) => {
    if (ts.isNewExpression(n) && text(n.expression) === 'Date' && (n.arguments?.length ?? 0) === 0) found.push('new Date()');
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Date') found.push('Date()');
    if (ts.isPropertyAccessExpression(n)) {
      const whole = text(n).replace(/^globalThis\./, '');
      if (
        /^(Date\.now|Math\.random|performance\.now|process\.(exit|argv|env|hrtime|uptime|cwd|chdir)|crypto\.(randomUUID|getRandomValues|randomInt|randomBytes))$/.test(
          whole,
        )
      )
        found.push(whole);
    }
    if (ts.isImportSpecifier(n) && /^(randomInt|randomBytes|randomUUID|randomFillSync|getRandomValues)$/.test((n.propertyName ?? n.name).text))
      found.push((n.propertyName ?? n.name).text);
  });
  return found;
});
const ambientOnlyInMain: Rule = (files) => files.filter((f) => f.file !== 'main.ts').flatMap((f) => ambientUses(f).map((what) => `${f.file}: ${what}`));

const TERMINAL_OR_SQL = /^(better-sqlite3|chalk|commander|@inquirer\/.*)$/;
const pureCore: Rule = (files) =>
  files
    .filter((f) => f.file.startsWith('core/'))
    .flatMap((f) =>
      usesOf(f)
        .filter((u) => !u.typeOnly && (u.spec.startsWith('node:') || TERMINAL_OR_SQL.test(u.spec) || !u.isStatic))
        .map((u) => `${f.file} uses ${u.spec}`),
    );

const formatsWithoutIo: Rule = (files) =>
  files
    .filter((f) => f.file.startsWith('formats/'))
    .flatMap((f) =>
      usesOf(f)
        .filter((u) => !u.typeOnly && (/^node:(fs|child_process|net|readline|tty)(\/|$)/.test(u.spec) || TERMINAL_OR_SQL.test(u.spec)))
        .map((u) => `${f.file} uses ${u.spec}`),
    );

/** SQL statements in the text of a string or template. */
const SQL =
  /\b(SELECT\b[\s\S]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|CREATE\s+(TEMP\s+|UNIQUE\s+)?(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+(TABLE|INDEX)|ALTER\s+TABLE|PRAGMA\s+\w+|BEGIN\s+(IMMEDIATE|EXCLUSIVE|TRANSACTION))\b/;
const sqlStrings = perFile((f: SourceFile): string[] => {
  const found: string[] = [];
  walk(tree(f), (n) => {
    let s: string | undefined;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) s = n.text;
    else if (ts.isTemplateExpression(n)) s = [n.head.text, ...n.templateSpans.map((p) => p.literal.text)].join(' ? ');
    if (s !== undefined && SQL.test(s)) found.push(s.replace(/\s+/g, ' ').slice(0, 60));
  });
  return found;
});
const sqlOnlyInStore: Rule = (files) => files.filter((f) => !f.file.startsWith('store/')).flatMap((f) => sqlStrings(f).map((s) => `${f.file}: "${s}"`));

// Command files stay light (issue 2's start-up target): at the top only the wiring; the work is
// imported inside the action, when the command runs.
const WIRING = /^(commander|\.\.\/\.\.\/errors\.js|\.\.\/globals\.js|\.\.\/command-context\.js|\.\/[a-z-]+\.js|\.\.\/\.\.\/core\/states\.js)$/;
const lazyCommands: Rule = (files) =>
  files
    .filter((f) => f.file.startsWith('cli/commands/'))
    .flatMap((f) =>
      usesOf(f)
        .filter((u) => u.isStatic && !u.typeOnly && !WIRING.test(u.spec))
        .map((u) => `${f.file} imports ${u.spec}`),
    );

// ---------------------------------------------------------------------------------------------

const RULES: Record<string, Rule> = {
  'imports only downwards': importsDownwards,
  'keeps each library and builtin in its place': librariesAtHome,
  'reads the clock, randomness and the process only in main.ts': ambientOnlyInMain,
  'has a pure core: no builtins, no SQL or terminal packages, no require or import()': pureCore,
  'keeps the formats layer free of the file system, SQL and the terminal': formatsWithoutIo,
  'keeps SQL in store/': sqlOnlyInStore,
  'command files load their work lazily: static imports are only the wiring': lazyCommands,
};

describe('architecture (STYLE.md B2) on src/', () => {
  it.each(Object.keys(RULES))('%s', (name) => {
    expect(RULES[name]!(SOURCES)).toEqual([]);
  });
});

/** Each rule, shown failing: src/ plus one file holding a violation the rule must name. */
const INJECTED: [rule: string, file: string, text: string][] = [
  ['imports only downwards', 'core/x.ts', "import { today } from '../app/context.js';"],
  ['imports only downwards', 'core/x.ts', "export { today } from '../app/context.js';"],
  ['imports only downwards', 'core/x.ts', "const m = await import('../store/cards.js');"],
  ['imports only downwards', 'store/x.ts', "import '../cli/run.js';"],
  ['imports only downwards', 'cli/x.ts', "import { CardQueries } from '../store/cards.js';"],
  ['keeps each library and builtin in its place', 'app/x.ts', "import chalk from 'chalk';"],
  ['keeps each library and builtin in its place', 'core/x.ts', "import * as fs from 'fs';"],
  ['keeps each library and builtin in its place', 'app/due.ts', "const fs = require('node:fs');"],
  ['keeps each library and builtin in its place', 'cli/x.ts', "import { createRequire } from 'module';"],
  ['reads the clock, randomness and the process only in main.ts', 'core/x.ts', 'export const t = Date.now();'],
  ['reads the clock, randomness and the process only in main.ts', 'app/x.ts', 'export const t = new Date();'],
  ['reads the clock, randomness and the process only in main.ts', 'core/x.ts', 'export const t = performance.now();'],
  ['reads the clock, randomness and the process only in main.ts', 'core/x.ts', 'export const r = Math.random();'],
  ['reads the clock, randomness and the process only in main.ts', 'app/x.ts', 'export const h = globalThis.process.env.HOME;'],
  ['reads the clock, randomness and the process only in main.ts', 'formats/x.ts', "import { randomBytes } from 'node:crypto';"],
  ['has a pure core: no builtins, no SQL or terminal packages, no require or import()', 'core/x.ts', "import 'node:fs';"],
  ['has a pure core: no builtins, no SQL or terminal packages, no require or import()', 'core/x.ts', "import { join } from 'path';"],
  ['has a pure core: no builtins, no SQL or terminal packages, no require or import()', 'core/x.ts', "const m = require('./text.js');"],
  ['has a pure core: no builtins, no SQL or terminal packages, no require or import()', 'core/x.ts', "import Database from 'better-sqlite3';"],
  ['keeps the formats layer free of the file system, SQL and the terminal', 'formats/x.ts', "import { readFileSync } from 'fs';"],
  ['keeps the formats layer free of the file system, SQL and the terminal', 'formats/x.ts', "import chalk from 'chalk';"],
  ['keeps SQL in store/', 'core/x.ts', "export const q = 'SELECT key FROM cards WHERE due < ?';"],
  ['keeps SQL in store/', 'app/x.ts', 'export const q = (t: string) => `DELETE FROM ${t}`;'],
  ['keeps SQL in store/', 'formats/x.ts', "export const q = 'CREATE TABLE col (id integer)';"],
  ['command files load their work lazily: static imports are only the wiring', 'cli/commands/x.ts', "import { dueReport } from '../../app/due.js';"],
];

describe('each rule fails on an injected violation', () => {
  it.each(INJECTED)('%s: %s holding %s', (rule, file, text) => {
    const violations = RULES[rule]!([...SOURCES, { file, text }]);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.startsWith(file))).toBe(true);
  });

  it('and lets types through where only types are allowed', () => {
    expect(importsDownwards([{ file: 'cli/x.ts', text: "import type { CardFilter } from '../store/filter.js';" }])).toEqual([]);
    expect(pureCore([{ file: 'core/x.ts', text: "import type { Database } from 'better-sqlite3';" }])).toEqual([]);
  });
});
