/**
 * Turns a parsed deck file (plain values from either YAML parser) into a Deck and located problems.
 * The rules are the field table of fields.ts; positions come from a Locator supplied by the parser.
 * Pure: values in, data out.
 */
import { closest, distance } from 'fastest-levenshtein';
import { parseCloze } from '../core/cloze.js';
import { deckNameFromFile, slugify, type Deck, type DeckOptions, type Distractors, type Note, type NoteCommon, type NoteKind } from '../core/notes.js';
import { allVariants, stripControlChars, type Localized } from '../core/text.js';
import { DECK_FIELDS, DECK_NAME, KIND_FIELDS, LANGUAGE_CODE, NOTE_FIELDS, NOTE_ID, OPTION_FIELDS, TAG, type FieldType } from './fields.js';
import { MAX_PROBLEMS_PER_FILE, omittedProblems, type Problem, type Severity } from './problem.js';

export type Path = readonly (string | number)[];

export interface Position {
  line: number;
  col: number;
}

/**
 * Where a value sits in the file. `part: 'key'` asks for the key of a map entry (for "unknown
 * field" messages); `offset` is a character offset inside a string value (for cloze gaps), which
 * a precise locator adds to the value's start when the scalar is on one line.
 */
export interface Locator {
  at(path: Path, part?: 'key' | 'value', offset?: number): Position;
}

/** A `related` entry and where it was written, for the collection-wide check in lint. */
export interface RelatedRef {
  note: string;
  ref: string;
  at: Position;
  /** the field the ref is written in, when not `related` */
  field?: 'not_confused_with';
}

export interface ValidatedDeck {
  deck: Deck | null;
  problems: Problem[];
  related: RelatedRef[];
}

type Plain = Record<string, unknown>;

/** The note fields and kinds as lists, made once: a large sync checks tens of thousands of notes. */
const NOTE_FIELD_LIST = Object.entries(NOTE_FIELDS).map(([key, spec]) => [key, spec.type] as const);
const NOTE_KIND_LIST = Object.keys(KIND_FIELDS) as NoteKind[];

/** A plain map: not a list, nor the Uint8Array, Set or Map that YAML's `!!binary`, `!!set` and `!!omap` tags make. */
const isMap = (v: unknown): v is Plain => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Validate the value of a whole deck file whose path under decks/ is `file` (shown as `shownAs`). */
export function validateDeck(value: unknown, file: string, shownAs: string, locate: Locator): ValidatedDeck {
  const problems: Problem[] = [];
  const related: RelatedRef[] = [];
  // Past MAX_PROBLEMS_PER_FILE problems are only counted (locating each costs a walk of the document).
  const more = { count: 0, error: false, at: undefined as Position | undefined };
  const add = (severity: Severity, at: () => Position, message: string) => {
    if (problems.length >= MAX_PROBLEMS_PER_FILE) {
      more.count++;
      more.error ||= severity === 'error';
      more.at ??= at();
      return;
    }
    problems.push({ file: shownAs, ...at(), severity, message });
  };
  const report = (severity: Severity, path: Path, message: string, part: 'key' | 'value' = 'value', offset?: number) =>
    add(severity, () => locate.at(path, part, offset), message);
  const done = (deck: Deck | null): ValidatedDeck => {
    if (more.at) problems.push(omittedProblems(shownAs, more.at, more.count, more.error));
    return { deck, problems, related };
  };
  const v = new Checker(report);

  if (value === null || value === undefined) {
    report('error', [], 'the deck file is empty: it needs a `cards:` list');
    return done(null);
  }
  if (!isMap(value)) {
    report('error', [], `a deck file must be a map with a \`cards:\` list, not ${describe(value)}`);
    return done(null);
  }
  v.unknownKeys(value, [], DECK_FIELDS, 'deck file');

  let name = deckNameFromFile(file);
  if ('deck' in value) {
    const given = v.string(value.deck, ['deck'])?.normalize('NFC');
    if (given !== undefined) {
      if (!DECK_NAME.test(given)) {
        report('error', ['deck'], `invalid deck name "${shown(given)}": use letters, digits, "-", "_", "." and "/" between parts`);
      } else name = given;
    }
  }
  if (!DECK_NAME.test(name)) {
    report('error', [], `the file path gives the invalid deck name "${name}": rename the file or set \`deck:\``);
  }
  const title = 'title' in value ? v.text(value.title, ['title']) : undefined;
  const description = 'description' in value ? v.text(value.description, ['description']) : undefined;
  const tags = 'tags' in value ? v.tags(value.tags, ['tags']) : [];
  const options = 'options' in value ? v.options(value.options, ['options']) : {};
  const order = 'order' in value ? v.count(value.order, ['order']) : undefined;

  const notes: Note[] = [];
  const firstLine = new Map<string, number>();
  if (!('cards' in value) || value.cards === null) {
    report('error', [], 'the deck file has no `cards:` list');
  } else if (!Array.isArray(value.cards)) {
    report('error', ['cards'], `\`cards\` must be a list of notes, not ${describe(value.cards)}`);
  } else {
    value.cards.forEach((item, i) => {
      const note = v.note(item, ['cards', i], locate);
      if (!note) return;
      const seen = firstLine.get(note.id);
      if (seen !== undefined) {
        report('error', note.idGiven ? ['cards', i, 'id'] : ['cards', i], `duplicate id "${note.id}" (first at line ${seen})`);
        return;
      }
      firstLine.set(note.id, note.line);
      notes.push(note);
      for (const field of ['related', 'not_confused_with'] as const) {
        (isMap(item) && Array.isArray(item[field]) ? (item[field] as unknown[]) : []).forEach((ref, j) => {
          if (typeof ref === 'string' && ref.trim())
            related.push({ note: note.id, ref: ref.trim().normalize('NFC'), at: locate.at(['cards', i, field, j]), ...(field === 'related' ? {} : { field }) });
        });
      }
    });
    if (value.cards.length === 0) report('warning', ['cards'], 'the deck has no notes');
  }

  // `related` ids within the deck can be checked here; ids of other decks need the collection (lint).
  for (const r of related) {
    if (r.ref.includes('/')) continue;
    if (r.ref === r.note) {
      add('warning', () => r.at, `note "${shown(r.note)}" lists itself as ${r.field === 'not_confused_with' ? 'not to be confused with' : 'related'}`);
    } else if (!firstLine.has(r.ref)) {
      const hint = suggestion(r.ref, [...firstLine.keys()]);
      add('error', () => r.at, `${r.field ?? 'related'} id "${shown(r.ref)}" is not a note of this deck${hint}`);
    }
  }

  const deck: Deck = {
    name,
    file,
    tags,
    options,
    notes,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    ...(order === undefined ? {} : { order }),
  };
  return done(deck);
}

function describe(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'binary data (a !!binary value)';
  if (v instanceof Set) return 'a set (a !!set value)';
  if (v instanceof Map) return 'an ordered map (a !!omap or !!pairs value)';
  if (v instanceof Date) return 'a date';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') {
    const one = shown(v);
    return `the text "${one.length > 30 ? `${one.slice(0, 27)}...` : one}"`;
  }
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

/**
 * Text from the file as it may appear in a one-line message: control and bidirectional characters
 * written as visible \u escapes (inert, and the person sees what is there), on one line.
 */
function shown(s: string): string {
  return s
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function suggestion(word: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const best = closest(word, candidates as string[]);
  // Two edits (a swapped pair of letters) for words of three letters or more, more for long ones.
  const allowed = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  return word.length >= 3 && distance(word, best) <= allowed ? ` (did you mean "${best}"?)` : '';
}

type Report = (severity: Severity, path: Path, message: string, part?: 'key' | 'value', offset?: number) => void;

/** The per-type checks. Each returns the cleaned value, or undefined after reporting an error. */
class Checker {
  constructor(private readonly report: Report) {}

  unknownKeys(map: Plain, path: Path, known: Record<string, unknown>, what: string): void {
    const names = Object.keys(known);
    for (const key of Object.keys(map)) {
      if (Object.hasOwn(known, key)) continue;
      this.report('error', [...path, key], `unknown field "${shown(key)}" in ${what}${suggestion(key, names)}`, 'key');
    }
  }

  /** A plain string; numbers become strings; empty is an error. */
  string(v: unknown, path: Path): string | undefined {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') {
      this.report('error', path, `\`${label(path)}\` must be text, not ${describe(v)}`);
      return undefined;
    }
    const s = stripControlChars(v).trim();
    if (!s) {
      this.report('error', path, `\`${label(path)}\` is empty`);
      return undefined;
    }
    return s;
  }

  /** A string or a map of language -> string. */
  text(v: unknown, path: Path): Localized | undefined {
    if (typeof v === 'string' || typeof v === 'number') return this.string(v, path);
    if (!isMap(v)) {
      this.report('error', path, `\`${label(path)}\` must be text or a map of language to text (en: ..., zh: ...), not ${describe(v)}`);
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const lang of Object.keys(v)) {
      const s = v[lang];
      if (!LANGUAGE_CODE.test(lang)) {
        this.report('error', [...path, lang], `"${shown(lang)}" is not a language code (use en, zh, ...)`, 'key');
        continue;
      }
      const str = this.string(s, [...path, lang]);
      if (str !== undefined) out[lang] = str;
    }
    if (Object.keys(v).length === 0) {
      this.report('error', path, `\`${label(path)}\` is empty`);
      return undefined;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  list<T>(v: unknown, path: Path, item: (x: unknown, p: Path) => T | undefined): T[] {
    if (v === null) return [];
    if (!Array.isArray(v)) {
      // A single value where a list is expected is a common slip; accept it, but say so.
      const one = item(v, path);
      if (one !== undefined) this.report('warning', path, `\`${label(path)}\` should be a list: [${JSON.stringify(one)}]`);
      return one === undefined ? [] : [one];
    }
    const out: T[] = [];
    v.forEach((x, i) => {
      const r = item(x, [...path, i]);
      if (r !== undefined) out.push(r);
    });
    return out;
  }

  tags(v: unknown, path: Path): string[] {
    return this.list(v, path, (x, p) => {
      const s = this.string(x, p);
      if (s === undefined) return undefined;
      if (!TAG.test(s)) {
        this.report('error', p, `tag "${shown(s)}" contains a space or comma: use one word per tag, e.g. "${shown(s).replace(/[\s,]+/g, '-')}"`);
        return undefined;
      }
      return s;
    });
  }

  bool(v: unknown, path: Path): boolean | undefined {
    if (typeof v === 'boolean') return v;
    this.report('error', path, `\`${label(path)}\` must be true or false, not ${describe(v)}`);
    return undefined;
  }

  count(v: unknown, path: Path): number | undefined {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
    this.report('error', path, `\`${label(path)}\` must be a whole number 0 or more, not ${describe(v)}`);
    return undefined;
  }

  options(v: unknown, path: Path): DeckOptions {
    if (!isMap(v)) {
      this.report('error', path, `\`options\` must be a map such as {new_per_day: 10}, not ${describe(v)}`);
      return {};
    }
    this.unknownKeys(v, path, OPTION_FIELDS, 'options');
    const out: DeckOptions = {};
    for (const key of Object.keys(OPTION_FIELDS) as (keyof DeckOptions)[]) {
      if (!(key in v)) continue;
      const n = this.count(v[key], [...path, key]);
      if (n !== undefined) out[key] = n;
    }
    return out;
  }

  distractors(v: unknown, path: Path): Distractors {
    if (isMap(v)) {
      const out: Record<string, Localized[]> = {};
      for (const [gap, list] of Object.entries(v)) {
        if (!/^c\d+$/.test(gap)) {
          this.report('error', [...path, gap], `distractors map keys must be cloze gaps such as c1, not "${shown(gap)}"`, 'key');
          continue;
        }
        out[gap] = this.list(list, [...path, gap], (x, p) => this.text(x, p));
      }
      return out;
    }
    return this.list(v, path, (x, p) => this.text(x, p));
  }

  field(type: FieldType, v: unknown, path: Path): unknown {
    switch (type) {
      case 'text':
        return this.text(v, path);
      case 'answer':
        return typeof v === 'string' && v.trim() === '' ? '' : this.text(v, path);
      case 'texts':
        return this.list(v, path, (x, p) => this.text(x, p));
      case 'string':
        return this.string(v, path);
      case 'strings':
        return this.list(v, path, (x, p) => this.string(x, p));
      case 'tags':
        return this.tags(v, path);
      case 'refs':
        // Ids are compared in composed form (NFC), like the ids themselves.
        return this.list(v, path, (x, p) => this.string(x, p)?.normalize('NFC'));
      case 'distractors':
        return this.distractors(v, path);
      case 'bool':
        return this.bool(v, path);
      case 'id': {
        // In composed form (NFC): "café" typed with a combining accent is the same id as with "é"
        // (an editor or a file system may decompose it), not an invalid one that looks valid.
        const s = this.string(v, path)?.normalize('NFC');
        if (s !== undefined && !NOTE_ID.test(s)) {
          this.report('error', path, `invalid id "${shown(s)}": use letters, digits, "-", "_" and "." (no spaces, "/" or ":"), e.g. "${slugify(s)}"`);
          return undefined;
        }
        return s;
      }
      default:
        return v;
    }
  }

  note(item: unknown, path: Path, locate: Locator): Note | undefined {
    const line = locate.at(path).line;
    if (!isMap(item)) {
      this.report('error', path, `a note must be a map (term/definition, front/back or cloze), not ${describe(item)}`);
      return undefined;
    }
    this.unknownKeys(item, path, NOTE_FIELDS, 'note');
    const f: Record<string, unknown> = {};
    for (const [key, type] of NOTE_FIELD_LIST) {
      const value = item[key];
      if (value !== undefined) f[key] = this.field(type, value, [...path, key]);
    }

    const kinds: NoteKind[] = [];
    for (const k of NOTE_KIND_LIST) if (KIND_FIELDS[k].some((field) => field in item)) kinds.push(k);
    if (kinds.length === 0) {
      this.report('error', path, 'a note needs `term` and `definition`, `front` and `back`, or `cloze`');
      return undefined;
    }
    if (kinds.length > 1) {
      const fields = kinds.map((k) => KIND_FIELDS[k].filter((x) => x in item).join('/')).join(' and ');
      this.report('error', path, `a note is one kind only, but this one has ${fields}`);
      return undefined;
    }
    const kind = kinds[0] as NoteKind;
    for (const needed of KIND_FIELDS[kind]) {
      if (!(needed in item)) {
        const other = KIND_FIELDS[kind].find((x) => x !== needed);
        this.report('error', path, `a note with \`${other}\` needs \`${needed}\` too`);
        return undefined;
      }
    }
    if (KIND_FIELDS[kind].some((field) => f[field] === undefined)) return undefined; // already reported

    let id = f.id as string | undefined;
    const idGiven = id !== undefined;
    if ('id' in item && id === undefined) return undefined;
    if (!idGiven) {
      const base = kind === 'glossary' ? f.term : kind === 'question' ? f.front : f.cloze;
      id = slugify(allVariants(base as Localized)[0] ?? 'note');
      this.report('warning', path, `note has no id; add \`id: ${id}\` so its history survives edits to its text`);
    }

    const common: NoteCommon = {
      id: id as string,
      idGiven,
      line,
      tags: (f.tags as string[] | undefined) ?? [],
      answers: (f.answers as string[] | undefined) ?? [],
      keypoints: (f.keypoints as Localized[] | undefined) ?? [],
      related: (f.related as string[] | undefined) ?? [],
      distractors: (f.distractors as Distractors | undefined) ?? [],
    };
    if (f.not_confused_with !== undefined) common.notConfusedWith = f.not_confused_with as string[];
    if (f.explanation !== undefined) common.explanation = f.explanation as Localized;
    if (f.source !== undefined) common.source = f.source as string;
    if (f.guid !== undefined) common.guid = f.guid as string;
    const reverse = f.reverse as boolean | undefined;
    // The kind's fields are added to `common` rather than spread with it into a new object, which
    // is several times slower here (and the keys keep the same order, which the stored text follows).
    switch (kind) {
      case 'glossary':
        return Object.assign(common, { kind, term: f.term as Localized, definition: f.definition as Localized, reverse: reverse ?? true });
      case 'question':
        return Object.assign(common, { kind, front: f.front as Localized, back: f.back as Localized, reverse: reverse ?? false });
      case 'cloze': {
        if (reverse !== undefined) this.report('warning', [...path, 'reverse'], '`reverse` has no effect on a cloze note');
        if (!this.clozeGaps(f.cloze as Localized, [...path, 'cloze'], item.distractors, [...path, 'distractors'])) return undefined;
        return Object.assign(common, { kind, cloze: f.cloze as Localized });
      }
    }
  }

  /** Check every language of a cloze: gaps well formed, present, and numbered alike. */
  clozeGaps(text: Localized, path: Path, distractors: unknown, distractorsPath: Path): boolean {
    const variants: [Path, string][] = typeof text === 'string' ? [[path, text]] : Object.entries(text).map(([l, s]) => [[...path, l], s]);
    let ok = true;
    const numbers = new Map<string, string>();
    for (const [p, s] of variants) {
      const parsed = parseCloze(s);
      for (const problem of parsed.problems) {
        this.report('error', p, problem.message, 'value', problem.offset);
        ok = false;
      }
      const gaps = parsed.segments.filter((x) => typeof x !== 'string');
      if (gaps.length === 0) {
        if (parsed.problems.length === 0) this.report('error', p, 'cloze has no gaps: mark the part to recall as {{answer}} or {{c1::answer}}');
        ok = false;
        continue;
      }
      if (gaps.some((g) => g.explicit) && gaps.some((g) => !g.explicit)) {
        this.report('warning', p, 'cloze mixes numbered {{c1::...}} and plain {{...}} gaps; number them all');
      }
      numbers.set(
        String(p[p.length - 1]),
        [...new Set(gaps.map((g) => g.n))]
          .sort((a, b) => a - b)
          .map((n) => `c${n}`)
          .join(','),
      );
    }
    if (new Set(numbers.values()).size > 1) {
      const detail = [...numbers].map(([l, n]) => `${l}: ${n}`).join('; ');
      this.report('error', path, `the languages of a cloze must have the same gaps (${detail})`);
      ok = false;
    }
    if (ok && isMap(distractors)) {
      const gaps = new Set((numbers.values().next().value ?? '').split(','));
      for (const gap of Object.keys(distractors)) {
        if (/^c\d+$/.test(gap) && !gaps.has(gap)) {
          this.report('error', [...distractorsPath, gap], `distractors for ${gap}, but the cloze has no gap ${gap}`, 'key');
        }
      }
    }
    return ok;
  }
}

function label(path: Path): string {
  const parts = path.filter((p): p is string => typeof p === 'string' && p !== 'cards');
  return parts.length > 0 ? parts.join('.') : 'value';
}
