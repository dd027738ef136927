/**
 * `lint [PATH...]`: validate deck files with the precise parser and report every problem with its
 * position (SPEC §4). Checks across files too: `related` links to other decks, and a deck name used
 * by two files. Reads files only; the database is not touched.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { noteKey, resolveRelated } from '../core/notes.js';
import { stripControlChars } from '../core/text.js';
import { DeckTooLargeError, listDeckFiles, NotUtf8Error, readDeckText, type SkippedEntry } from '../deckfile/load.js';
import { parseDeckText } from '../deckfile/parse-text.js';
import { deckNameTaken, sortProblems, type Problem } from '../deckfile/problem.js';
import { UserError } from '../errors.js';

export interface LintReport {
  ok: boolean;
  problems: Problem[];
}

interface Target {
  abs: string;
  /** path under decks/ (names the deck), or the file name for files outside the collection */
  file: string;
  shownAs: string;
}

/**
 * Lint the given files and folders (relative to `cwd`), or every deck of the collection at `home`
 * when none are given. Throws UserError for a path that does not exist.
 */
export function lintDecks(home: string, cwd: string, paths: readonly string[]): LintReport {
  const decksDir = resolve(home, 'decks');
  const shown = (abs: string) => {
    const rel = relative(cwd, abs);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  };
  const underDecks = (abs: string) => {
    const rel = relative(decksDir, abs);
    return !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : null;
  };
  const targets: Target[] = [];
  const problems: Problem[] = [];
  const skipped = (e: SkippedEntry) => problems.push({ file: shown(e.abs), line: 1, col: 1, severity: 'warning', message: `skipped: ${e.reason}` });
  if (paths.length === 0) {
    const st = statSync(home, { throwIfNoEntry: false });
    if (!st?.isDirectory())
      throw new UserError(`collection folder ${home} does not exist (give deck files to lint, or create a collection with: llmcards init ${home})`);
    for (const f of listDeckFiles(decksDir, skipped)) targets.push({ abs: f.abs, file: f.file, shownAs: shown(f.abs) });
  } else {
    for (const p of paths) {
      const abs = resolve(cwd, p);
      const st = statSync(abs, { throwIfNoEntry: false });
      if (!st) throw new UserError(`no such file or folder: ${p}`);
      const files = st.isDirectory() ? listDeckFiles(abs, skipped).map((f) => f.abs) : [abs];
      for (const f of files) {
        const inDecks = underDecks(f);
        targets.push({ abs: f, file: inDecks ?? (relative(abs, f) || f.split(sep).pop() || f), shownAs: shown(f) });
      }
    }
  }

  const keys = new Set<string>();
  const deckFile = new Map<string, string>();
  const refs: { deck: string; shownAs: string; ref: string; line: number; col: number; field?: string }[] = [];
  for (const t of targets) {
    let text: string;
    try {
      text = readDeckText(t.abs);
    } catch (err) {
      const message = err instanceof DeckTooLargeError || err instanceof NotUtf8Error ? err.message : `cannot read the file: ${(err as Error).message}`;
      const at = err instanceof NotUtf8Error ? { line: err.line, col: err.col } : { line: 1, col: 1 };
      problems.push({ file: t.shownAs, ...at, severity: 'error', message });
      continue;
    }
    const result = parseDeckText(text, t.file, t.shownAs, true);
    for (const p of result.problems) problems.push(p);
    const deck = result.deck;
    if (!deck) continue;
    const other = deckFile.get(deck.name);
    if (other) {
      problems.push(deckNameTaken(t.shownAs, deck.name, other));
      continue;
    }
    deckFile.set(deck.name, t.shownAs);
    for (const n of deck.notes) keys.add(noteKey(deck.name, n.id));
    for (const r of result.related)
      if (r.ref.includes('/')) refs.push({ deck: deck.name, shownAs: t.shownAs, ref: r.ref, ...r.at, ...(r.field ? { field: r.field } : {}) });
  }

  // Links to decks that were not linted are checked against the collection's own deck files.
  const missingDecks = new Set(refs.map((r) => r.ref.slice(0, r.ref.lastIndexOf('/'))).filter((d) => !deckFile.has(d)));
  if (missingDecks.size > 0 && paths.length > 0) {
    for (const f of listDeckFiles(decksDir)) {
      if (targets.some((t) => t.abs === f.abs)) continue;
      try {
        const other = parseDeckText(readDeckText(f.abs), f.file, f.file);
        if (other.deck) for (const n of other.deck.notes) keys.add(noteKey(other.deck.name, n.id));
      } catch {
        // unreadable: its links are reported as missing
      }
    }
  }
  for (const r of refs) {
    const target = resolveRelated(r.deck, r.ref);
    if (!keys.has(target)) {
      problems.push({
        file: r.shownAs,
        line: r.line,
        col: r.col,
        severity: 'error',
        message: `${r.field ?? 'related'} note "${stripControlChars(r.ref).replace(/\s+/g, ' ')}" does not exist`,
      });
    }
  }
  return { ok: !problems.some((p) => p.severity === 'error'), problems: sortProblems(problems) };
}
