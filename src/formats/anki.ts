/**
 * Anki's collection model, as rules taken from Anki's own source (ankitects/anki, rslib):
 * - notes (rslib/src/notes/mod.rs): fields joined by U+001F; `sfld` is the sort field and `csum` the
 *   first 8 hex digits of the SHA-1 of the first field, both after
 *   `strip_html_preserving_media_filenames`; `guid` is base91 text; `mod` is in seconds;
 *   tags are " tag1 tag2 " (rslib/src/tags/mod.rs `join_tags`).
 * - the `col` row's JSON (schema 11): note types (rslib/src/notetype/schema11.rs), decks
 *   (rslib/src/decks/schema11.rs), deck options (rslib/src/deckconfig/schema11.rs) and the
 *   collection config (rslib/src/config/schema11.rs), with every key those parsers require.
 * - cards: `ord` is the template index (the cloze number minus one for cloze note types); type and
 *   queue numbers as in rslib/src/card/mod.rs.
 * Our three note kinds map to three note types of our own, with a field per language.
 */
import { parseCloze } from '../core/cloze.js';
import { escapeHtml, linesToHtml, mediaToAnki, stripHtmlPreservingMediaFilenames, textToHtml } from './html-text.js';
import type { Distractors, Note, NoteKind } from '../core/notes.js';
import type { MemoryState } from '../core/scheduler.js';
import type { Rating } from '../core/states.js';
import { sha1, sha1Hex } from './sha1.js';
import type { Localized } from '../core/text.js';

export const FIELD_SEPARATOR = '\u001f';

/** Anki's `field_checksum`: the first 4 bytes of SHA-1 of the stripped first field, as an integer. */
export function fieldChecksum(firstFieldHtml: string): number {
  return parseInt(sha1Hex(stripHtmlPreservingMediaFilenames(firstFieldHtml)).slice(0, 8), 16);
}

/** Anki's sort field: the sort field's HTML stripped (media file names kept), not trimmed. */
export function sortFieldValue(fieldHtml: string): string {
  return stripHtmlPreservingMediaFilenames(fieldHtml);
}

const BASE91 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';

/** Anki's `to_base_n` with its base-91 table (rslib/src/notes/mod.rs `anki_base91`). */
export function base91(n: bigint): string {
  let out = '';
  while (n > 0n) {
    out = BASE91[Number(n % 91n)] + out;
    n /= 91n;
  }
  return out;
}

/**
 * A note's GUID, derived from its key so that every export gives the same note the same GUID and
 * Anki updates it on a new import instead of adding a duplicate: base91 of the first 8 bytes of
 * SHA-1 of "llmcards:<deck>/<id>" (a random u64 in Anki's own notes).
 */
export function guidForNote(noteKey: string): string {
  const d = sha1(`llmcards:${noteKey}`);
  let n = 0n;
  for (let i = 0; i < 8; i++) n = (n << 8n) | BigInt(d[i] as number);
  return base91(n) || 'a';
}

/** Anki tags column text: " a b " (empty when there are none). */
export function joinTags(tags: readonly string[]): string {
  return tags.length === 0 ? '' : ` ${tags.join(' ')} `;
}

/** Tags from Anki's column text. */
export function splitTags(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Our deck name (`llm/training`) as Anki's (`llm::training`). */
export function ankiDeckName(deck: string): string {
  return deck.split('/').join('::');
}

/** Every ancestor of an Anki deck name, outermost first (`a::b::c` → `a`, `a::b`). */
export function parentDeckNames(name: string): string[] {
  const parts = name.split('::');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('::'));
}

/** A stable positive id for a named thing (deck, note type): 1e12 plus 36 bits of its SHA-1. */
export function stableId(kind: string, name: string): number {
  return 1_000_000_000_000 + (parseInt(sha1Hex(`${kind}:${name}`).slice(0, 9), 16) % 100_000_000_000);
}

// ---------------------------------------------------------------------------------------------
// Note types

export type ModelKind = NoteKind;

export interface ModelSpec {
  kind: ModelKind;
  id: number;
  name: string;
  fields: readonly string[];
}

/** The metadata field: the note's key and what has no field of its own, as JSON. */
export const META_FIELD = 'llmcards';

export const MODELS: Record<ModelKind, ModelSpec> = {
  glossary: {
    kind: 'glossary',
    id: 1_000_000_000_101,
    name: 'llmcards Glossary',
    fields: ['Term', 'Term (zh)', 'Definition', 'Definition (zh)', 'Explanation', 'Source', 'Reverse', META_FIELD],
  },
  question: {
    kind: 'question',
    id: 1_000_000_000_102,
    name: 'llmcards Question',
    fields: ['Front', 'Front (zh)', 'Back', 'Back (zh)', 'Explanation', 'Source', 'Reverse', META_FIELD],
  },
  cloze: {
    kind: 'cloze',
    id: 1_000_000_000_103,
    name: 'llmcards Cloze',
    fields: ['Text', 'Text (zh)', 'Back Extra', 'Source', META_FIELD],
  },
};

/** The note types' modification time (seconds): changed only when their definition changes. */
export const MODELS_MOD = 1_767_225_600; // 2026-01-01

// Anki's default card styling (rslib/src/notetype/styling.css, cloze_styling.css) and ours.
const CSS = `.card {
    font-family: arial;
    font-size: 20px;
    line-height: 1.5;
    text-align: center;
    color: black;
    background-color: white;
}
.zh {
    margin-top: 0.3em;
    color: #555;
}
.nightMode .zh {
    color: #bbb;
}
.extra {
    margin-top: 1em;
    font-size: 0.8em;
}
.source {
    margin-top: 1em;
    font-size: 0.7em;
    color: #888;
}
`;
const CLOZE_CSS = `.cloze {
    font-weight: bold;
    color: blue;
}
.nightMode .cloze {
    color: lightblue;
}
`;
// rslib/src/notetype/header.tex and DEFAULT_LATEX_FOOTER
const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';
const LATEX_POST = '\\end{document}';

const side = (main: string, zh: string) => `<div>{{${main}}}</div>\n{{#${zh}}}<div class="zh">{{${zh}}}</div>{{/${zh}}}`;
const extras = (extra: string) => `{{#${extra}}}<div class="extra">{{${extra}}}</div>{{/${extra}}}\n{{#Source}}<div class="source">{{Source}}</div>{{/Source}}`;

function templatesOfModel(kind: ModelKind): { name: string; qfmt: string; afmt: string }[] {
  if (kind === 'cloze') {
    const q = `{{cloze:Text}}\n{{#Text (zh)}}<div class="zh">{{cloze:Text (zh)}}</div>{{/Text (zh)}}`;
    return [{ name: 'Cloze', qfmt: q, afmt: `${q}<br>\n${extras('Back Extra')}` }];
  }
  const [a, b] = kind === 'glossary' ? ['Term', 'Definition'] : ['Front', 'Back'];
  return [
    { name: 'Forward', qfmt: side(a, `${a} (zh)`), afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n${side(b, `${b} (zh)`)}\n${extras('Explanation')}` },
    {
      name: 'Reverse',
      qfmt: `{{#Reverse}}${side(b, `${b} (zh)`)}{{/Reverse}}`,
      afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n${side(a, `${a} (zh)`)}\n${extras('Explanation')}`,
    },
  ];
}

/** A note type as Anki's schema-11 JSON (every key NotetypeSchema11 reads, plus the legacy ones older clients expect). */
export function modelJson(kind: ModelKind, deckId: number | null): Record<string, unknown> {
  const spec = MODELS[kind];
  const ord = (name: string) => spec.fields.indexOf(name);
  const req: [number, string, number[]][] =
    kind === 'cloze'
      ? [[0, 'any', [0, 1]]]
      : [
          [0, 'any', [0, 1]],
          [1, 'all', [ord('Reverse')]],
        ];
  return {
    id: spec.id,
    name: spec.name,
    type: kind === 'cloze' ? 1 : 0,
    mod: MODELS_MOD,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: templatesOfModel(kind).map((t, i) => ({
      name: t.name,
      ord: i,
      qfmt: t.qfmt,
      afmt: t.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
      id: stableId('template', `${spec.name}/${t.name}`),
    })),
    flds: spec.fields.map((name, i) => ({
      name,
      ord: i,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      description: name === META_FIELD ? 'llmcards data (note key, answers, key points…): keep it as it is so that exports update this note' : '',
      plainText: name === META_FIELD,
      collapsed: name === META_FIELD,
      excludeFromSearch: name === META_FIELD,
      id: stableId('field', `${spec.name}/${name}`),
      tag: null,
      preventDeletion: false,
      media: [],
    })),
    css: kind === 'cloze' ? CSS + CLOZE_CSS : CSS,
    latexPre: LATEX_PRE,
    latexPost: LATEX_POST,
    latexsvg: false,
    req,
    tags: [],
    vers: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Note fields

/** What a note's metadata field holds: its key and everything that has no field of its own. */
export interface NoteMeta {
  v: 1;
  key: string;
  kind: NoteKind;
  /** each text field exactly as in the deck file (the visible fields hold it as HTML) */
  text: Record<string, Localized>;
  tags: string[];
  answers: string[];
  keypoints: Localized[];
  related: string[];
  distractors: Distractors;
  source?: string;
}

/** The main-language text of a field: the plain string, or English, or the first non-Chinese language. */
export function mainText(text: Localized | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  if (text.en) return text.en;
  const other = Object.keys(text).find((k) => k !== 'zh' && text[k]);
  return other ? (text[other] as string) : '';
}

/** The Chinese text of a field ('' for a plain string). */
export function zhText(text: Localized | undefined): string {
  if (text === undefined || typeof text === 'string') return '';
  return text.zh ?? '';
}

/** A text's languages in the order an exported field lists them: en, the others, zh (empty ones left out). */
export function orderedVariants(text: Record<string, string>): string[] {
  return [
    text.en,
    ...Object.keys(text)
      .filter((k) => k !== 'en' && k !== 'zh')
      .map((k) => text[k]),
    text.zh,
  ].filter((s): s is string => Boolean(s));
}

/** All languages of a text, one per line (for a single field such as Explanation). */
export function joinedText(text: Localized | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return orderedVariants(text).join('\n');
}

/** Cloze text in Anki's syntax, as HTML: every gap numbered (`{{c1::answer::hint}}`), the rest escaped. */
export function clozeToAnkiHtml(text: string): string {
  return mediaToAnki(linesToHtml(clozeToAnki(text, escapeHtml)));
}

/** Cloze text in Anki's syntax with every gap numbered, each piece of text passed through `escape`. */
export function clozeToAnki(text: string, escape: (s: string) => string = (s) => s): string {
  return parseCloze(text)
    .segments.map((s) => (typeof s === 'string' ? escape(s) : `{{c${s.n}::${escape(s.answer)}${s.hint ? `::${escape(s.hint)}` : ''}}}`))
    .join('');
}

/** The HTML of each field of the note's note type, in field order. */
export function noteFields(note: Note, key: string): string[] {
  const meta: NoteMeta = {
    v: 1,
    key,
    kind: note.kind,
    text: {},
    tags: [...note.tags],
    answers: [...note.answers],
    keypoints: [...note.keypoints],
    related: [...note.related],
    distractors: note.distractors,
    ...(note.source !== undefined ? { source: note.source } : {}),
  };
  const html = (t: Localized | undefined, get: (t: Localized | undefined) => string) => mediaToAnki(textToHtml(get(t)));
  switch (note.kind) {
    case 'glossary':
    case 'question': {
      const [a, b] = note.kind === 'glossary' ? [note.term, note.definition] : [note.front, note.back];
      meta.text = note.kind === 'glossary' ? { term: note.term, definition: note.definition } : { front: note.front, back: note.back };
      if (note.explanation !== undefined) meta.text.explanation = note.explanation;
      return [
        html(a, mainText),
        html(a, zhText),
        html(b, mainText),
        html(b, zhText),
        html(note.explanation, joinedText),
        textToHtml(note.source ?? ''),
        note.reverse ? 'y' : '',
        escapeHtml(JSON.stringify(meta)),
      ];
    }
    case 'cloze': {
      meta.text = { cloze: note.cloze };
      if (note.explanation !== undefined) meta.text.explanation = note.explanation;
      return [
        clozeToAnkiHtml(mainText(note.cloze)),
        clozeToAnkiHtml(zhText(note.cloze)),
        html(note.explanation, joinedText),
        textToHtml(note.source ?? ''),
        escapeHtml(JSON.stringify(meta)),
      ];
    }
  }
}

/** The card ordinal of a template: forward 0, reverse 1, cN is N-1. */
export function cardOrd(template: string): number {
  if (template === 'forward') return 0;
  if (template === 'reverse') return 1;
  return Math.max(0, Number(template.replace(/^c/, '')) - 1);
}

// ---------------------------------------------------------------------------------------------
// Decks, deck options, collection config

export interface AnkiDeckInfo {
  id: number;
  name: string;
  /** description, HTML */
  desc: string;
  newLimit: number | null;
  reviewLimit: number | null;
  /** what llmcards needs to rebuild the deck file (title, tags…), kept in an extra key Anki ignores */
  llmcards: Record<string, unknown> | null;
}

/** A deck as schema-11 JSON (the keys DeckSchema11 requires, and the optional ones Anki writes). */
export function deckJson(d: AnkiDeckInfo, modSecs: number): Record<string, unknown> {
  return {
    id: d.id,
    mod: modSecs,
    name: d.name,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: d.desc,
    dyn: 0,
    conf: 1,
    extendNew: 0,
    extendRev: 0,
    reviewLimit: d.reviewLimit,
    newLimit: d.newLimit,
    reviewLimitToday: null,
    newLimitToday: null,
    ...(d.llmcards ? { llmcards: d.llmcards } : {}),
  };
}

export interface DeckOptionsInput {
  newPerDay: number;
  reviewsPerDay: number;
  learningStepsMinutes: number[];
  relearningStepsMinutes: number[];
  maximumInterval: number;
  leechThreshold: number;
  leechAction: 'suspend' | 'tag';
  desiredRetention: number;
  weights: readonly number[] | null;
}

/** The deck options group ("Default", id 1) as schema-11 JSON, with our daily limits and FSRS parameters. */
export function deckConfigJson(o: DeckOptionsInput, modSecs: number): Record<string, unknown> {
  return {
    id: 1,
    mod: modSecs,
    name: 'Default',
    usn: -1,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    new: { bury: false, delays: o.learningStepsMinutes, initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: o.newPerDay },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: o.maximumInterval, perDay: o.reviewsPerDay, hardFactor: 1.2 },
    lapse: { delays: o.relearningStepsMinutes, leechAction: o.leechAction === 'suspend' ? 0 : 1, leechFails: o.leechThreshold, minInt: 1, mult: 0 },
    dyn: false,
    newMix: 0,
    newPerDayMinimum: 0,
    interdayLearningMix: 0,
    reviewOrder: 0,
    newSortOrder: 0,
    newGatherPriority: 0,
    buryInterdayLearning: false,
    fsrsWeights: [],
    fsrsParams5: [],
    fsrsParams6: o.weights ? [...o.weights] : [],
    desiredRetention: o.desiredRetention,
    ignoreRevlogsBeforeDate: '',
    easyDaysPercentages: [1, 1, 1, 1, 1, 1, 1],
    stopTimerOnAnswer: false,
    secondsToShowQuestion: 0,
    secondsToShowAnswer: 0,
    questionAction: 0,
    answerAction: 0,
    waitForAudio: true,
    sm2Retention: 0.9,
    weightSearch: '',
  };
}

/** The collection config (rslib/src/config/schema11.rs), with our FSRS switched on when state is exported. */
export function collectionConfigJson(opts: { creationOffsetMinutesWest: number; nextPos: number; fsrs: boolean; curModel: number }): Record<string, unknown> {
  return {
    activeDecks: [1],
    curDeck: 1,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: opts.curModel,
    nextPos: opts.nextPos,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    dayLearnFirst: false,
    schedVer: 2,
    creationOffset: opts.creationOffsetMinutesWest,
    sched2021: true,
    ...(opts.fsrs ? { fsrs: true } : {}),
  };
}

/** The default deck (id 1) every collection has. */
export const DEFAULT_DECK: AnkiDeckInfo = { id: 1, name: 'Default', desc: '', newLimit: null, reviewLimit: null, llmcards: null };

// ---------------------------------------------------------------------------------------------
// Scheduling state (export --with-state), in Anki's terms (rslib/src/card/mod.rs, revlog/mod.rs)

export interface AnkiSchedule {
  /** 0 new, 1 learning, 2 review, 3 relearning */
  type: number;
  /** 0 new, 1 learning (due in seconds), 2 review, 3 day learning (due in days), -1 suspended, -3 buried */
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  /** card data JSON: FSRS memory state (s, d), desired retention, last review time */
  data: string;
}

export interface ScheduleContext {
  now: Date;
  /** the collection's creation time in seconds: review due dates count days from it */
  crtSecs: number;
  /** new cards' position in the new queue */
  newPosition: number;
  desiredRetention: number;
  learningStepCount: number;
}

const DAY_SECS = 86_400;

/** A card's state as Anki stores it on the card row. */
export function ankiSchedule(m: MemoryState, flags: { suspended: boolean; buriedUntil: Date | null }, ctx: ScheduleContext): AnkiSchedule {
  const secs = (d: Date | null) => Math.floor((d ?? ctx.now).getTime() / 1000);
  const dayOf = (d: Date | null) => Math.floor((secs(d) - ctx.crtSecs) / DAY_SECS);
  const data =
    m.stability > 0
      ? JSON.stringify({
          s: Math.round(m.stability * 10_000) / 10_000,
          d: Math.round(m.difficulty * 1_000) / 1_000,
          dr: ctx.desiredRetention,
          ...(m.lastReview ? { lrt: secs(m.lastReview) } : {}),
        })
      : '';
  let s: AnkiSchedule;
  switch (m.state) {
    case 'new':
      s = { type: 0, queue: 0, due: ctx.newPosition, ivl: 0, factor: 0, reps: m.reps, lapses: m.lapses, left: 0, data: '' };
      break;
    case 'review':
      s = { type: 2, queue: 2, due: dayOf(m.due), ivl: Math.max(1, m.scheduledDays), factor: 2500, reps: m.reps, lapses: m.lapses, left: 0, data };
      break;
    case 'learning':
    case 'relearning': {
      const interday = m.scheduledDays >= 1;
      s = {
        type: m.state === 'learning' ? 1 : 3,
        queue: interday ? 3 : 1,
        due: interday ? dayOf(m.due) : secs(m.due),
        ivl: m.state === 'relearning' ? Math.max(1, m.scheduledDays) : 0,
        factor: 2500,
        reps: m.reps,
        lapses: m.lapses,
        left: Math.max(1, ctx.learningStepCount - m.learningSteps),
        data,
      };
      break;
    }
  }
  if (flags.suspended) s.queue = -1;
  else if (flags.buriedUntil && flags.buriedUntil.getTime() > ctx.now.getTime()) s.queue = -3;
  return s;
}

export interface AnkiRevlogRow {
  id: number;
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  time: number;
  type: number;
}

const EASE: Record<Rating, number> = { again: 1, hard: 2, good: 3, easy: 4 };

/** One answer as an Anki review log row (ids are answer times in milliseconds; the caller keeps them unique). */
export function ankiRevlog(e: { at: Date; rating: Rating; source: string; durationMs: number | null; before: MemoryState; after: MemoryState }): AnkiRevlogRow {
  const interval = (m: MemoryState, from: Date | null) =>
    m.state === 'review'
      ? Math.max(1, m.scheduledDays)
      : m.state === 'new' || !m.due || !from
        ? 0
        : -Math.max(1, Math.round((m.due.getTime() - from.getTime()) / 1000));
  const type = e.source === 'practice' ? 3 : e.before.state === 'review' ? 1 : e.before.state === 'relearning' ? 2 : 0;
  return {
    id: e.at.getTime(),
    ease: EASE[e.rating],
    ivl: interval(e.after, e.at),
    lastIvl: interval(e.before, e.before.lastReview),
    factor: e.after.state === 'review' || e.after.state === 'relearning' ? 2500 : 0,
    time: Math.min(60_000, Math.max(0, Math.round(e.durationMs ?? 0))),
    type,
  };
}
