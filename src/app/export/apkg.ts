/**
 * `export --format apkg`: a package Anki imports cleanly. A zip holding the legacy collection
 * (`collection.anki2`, schema 11) and an empty `media` map, as Anki's own legacy export writes it
 * (rslib/src/import_export/package/colpkg/export.rs: no `meta` entry means "legacy 1").
 * Note types, decks (with Anki's `::` hierarchy and every parent), GUIDs derived from note keys,
 * and with `--with-state` the cards' scheduling state and review log in Anki's terms.
 */
import { zipSync } from 'fflate';
import { writeZip } from '../../formats/zip-write.js';
import {
  ankiDeckName,
  ankiRevlog,
  ankiSchedule,
  cardOrd,
  collectionConfigJson,
  deckConfigJson,
  deckJson,
  DEFAULT_DECK,
  FIELD_SEPARATOR,
  fieldChecksum,
  guidForNote,
  joinTags,
  MODELS,
  modelJson,
  parentDeckNames,
  sortFieldValue,
  stableId,
  noteFields,
  type AnkiDeckInfo,
} from '../../formats/anki.js';
import { mediaReferences, textToHtml } from '../../formats/html-text.js';
import { effectiveTags } from '../../core/notes.js';
import { pickLang } from '../../core/text.js';
import { studyDay } from '../../core/timing.js';
import type { Settings } from '../../settings.js';
import { writeAnkiCollection, type AnkiCardRow, type AnkiNoteRow, type AnkiRevlogRow } from '../../store/anki/write.js';
import type { ExportDeck } from './gather.js';

export interface ApkgContext {
  now: Date;
  settings: Settings;
  /** the local time zone's offset in minutes east of UTC at a moment */
  offsetAt: (at: Date) => number;
  withState: boolean;
  /** the bytes of a file in media/ (null when there is none), to put the notes' media in the package */
  readMedia?: (name: string) => Uint8Array | null;
}

/** Step strings such as `1m`, `10m`, `1h`, `1d` in minutes (Anki's deck options count minutes). */
function stepMinutes(step: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd])$/.exec(step.trim());
  if (!m) return 1;
  const n = Number(m[1]);
  return m[2] === 's' ? n / 60 : m[2] === 'm' ? n : m[2] === 'h' ? n * 60 : n * 1440;
}

/** The collection rows of an export (exposed for tests), and the package bytes (`exportApkg`). */
export function apkgRows(decks: readonly ExportDeck[], ctx: ApkgContext, progress: (done: number) => void = () => {}) {
  const nowSecs = Math.floor(ctx.now.getTime() / 1000);
  const nowMs = ctx.now.getTime();
  // The collection was "created" at the start of today's study day: review due dates count days from it.
  const day = studyDay(ctx.now, ctx.settings.day_starts_at, ctx.offsetAt);
  const crt = Math.floor(day.start.getTime() / 1000);

  const ankiDecks = new Map<string, AnkiDeckInfo>();
  const addDeck = (name: string, info: Partial<AnkiDeckInfo> = {}) => {
    if (!ankiDecks.has(name)) ankiDecks.set(name, { id: stableId('deck', name), name, desc: '', newLimit: null, reviewLimit: null, llmcards: null, ...info });
    else Object.assign(ankiDecks.get(name) as AnkiDeckInfo, info);
  };
  for (const { deck } of decks) {
    const name = ankiDeckName(deck.name);
    for (const parent of parentDeckNames(name)) addDeck(parent);
    const description = pickLang(deck.description, 'both');
    addDeck(name, {
      desc: textToHtml(description),
      newLimit: deck.options.new_per_day ?? null,
      reviewLimit: deck.options.reviews_per_day ?? null,
      llmcards: { deck: deck.name, title: deck.title ?? null, description: deck.description ?? null, tags: [...deck.tags], options: deck.options },
    });
  }

  const noteCount = decks.reduce((n, d) => n + d.notes.length, 0);
  const cardCount = decks.reduce((n, d) => n + d.notes.reduce((m, x) => m + x.cards.length, 0), 0);
  const notes: AnkiNoteRow[] = [];
  const cards: AnkiCardRow[] = [];
  const revlog: AnkiRevlogRow[] = [];
  const revlogIds = new Set<number>();
  const tags: Record<string, number> = {};
  const usedModels = new Set<string>();
  const media = new Set<string>();
  const learningStepCount = ctx.settings.fsrs.learning_steps.length;
  let position = 0;
  for (const d of decks) {
    const did = stableId('deck', ankiDeckName(d.deck.name));
    for (const n of d.notes) {
      position++;
      const model = MODELS[n.note.kind];
      usedModels.add(n.note.kind);
      const fields = noteFields(n.note, n.key);
      const noteTags = effectiveTags(d.deck, n.note);
      for (const t of noteTags) tags[t] = -1;
      // Ids only need to be unique in the file (Anki renumbers clashes on import); counting up to
      // the export's moment keeps them plausible as Anki's creation times.
      const nid = nowMs - noteCount + notes.length;
      const mod = Math.floor((n.changedAt ?? ctx.now).getTime() / 1000);
      notes.push({
        id: nid,
        // A note that came from Anki keeps its GUID, so that Anki updates it rather than adding a copy.
        guid: n.note.guid ?? guidForNote(n.key),
        mid: model.id,
        mod,
        tags: joinTags(noteTags),
        flds: fields.join(FIELD_SEPARATOR),
        sfld: sortFieldValue(fields[0] as string),
        csum: fieldChecksum(fields[0] as string),
      });
      for (const f of fields) for (const m of mediaReferences(f)) media.add(m);
      for (const c of n.cards) {
        const cid = nowMs - cardCount + cards.length;
        const schedule =
          ctx.withState && c.state
            ? ankiSchedule(c.state.memory, c.state, {
                now: ctx.now,
                crtSecs: crt,
                newPosition: position,
                desiredRetention: ctx.settings.fsrs.desired_retention,
                learningStepCount,
              })
            : { type: 0, queue: 0, due: position, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, data: '' };
        cards.push({ id: cid, nid, did, ord: cardOrd(c.template), mod, ...schedule });
        for (const h of ctx.withState ? (c.history ?? []) : []) {
          const row = ankiRevlog(h);
          while (revlogIds.has(row.id)) row.id++;
          revlogIds.add(row.id);
          revlog.push({ ...row, cid });
        }
      }
      progress(position);
    }
  }

  const firstDeck = decks[0] ? stableId('deck', ankiDeckName(decks[0].deck.name)) : 1;
  const models: Record<string, unknown> = {};
  for (const kind of ['glossary', 'question', 'cloze'] as const) {
    if (usedModels.has(kind) || usedModels.size === 0) models[String(MODELS[kind].id)] = modelJson(kind, firstDeck);
  }
  const deckRows: Record<string, unknown> = { '1': deckJson(DEFAULT_DECK, nowSecs) };
  for (const info of ankiDecks.values()) deckRows[String(info.id)] = deckJson(info, nowSecs);
  const s = ctx.settings;
  const dconf = {
    '1': deckConfigJson(
      {
        newPerDay: s.new_per_day,
        reviewsPerDay: s.reviews_per_day,
        learningStepsMinutes: s.fsrs.learning_steps.map(stepMinutes),
        relearningStepsMinutes: s.fsrs.relearning_steps.map(stepMinutes),
        maximumInterval: s.fsrs.maximum_interval,
        leechThreshold: s.leech_threshold,
        leechAction: s.leech_action,
        desiredRetention: s.fsrs.desired_retention,
        weights: s.fsrs.weights,
      },
      nowSecs,
    ),
  };
  const conf = collectionConfigJson({
    creationOffsetMinutesWest: -ctx.offsetAt(day.start),
    nextPos: position + 1,
    fsrs: ctx.withState,
    curModel: MODELS[decks[0]?.notes[0]?.note.kind ?? 'glossary'].id,
  });
  return { crt, modMs: nowMs, conf, models, decks: deckRows, dconf, tags, notes, cards, revlog, media: [...media] };
}

/** The .apkg file's bytes. */
export function exportApkg(decks: readonly ExportDeck[], ctx: ApkgContext, progress?: (done: number) => void): Uint8Array {
  const rows = apkgRows(decks, ctx, progress);
  const collection = writeAnkiCollection(rows);
  // The media files the notes name, as Anki's legacy package holds them: entries "0", "1", … and a
  // map from entry to file name.
  const files: Record<string, [Uint8Array, { level: 0 | 1 }]> = {};
  const map: Record<string, string> = {};
  let entries = 0;
  for (const name of rows.media) {
    const bytes = ctx.readMedia?.(name);
    if (!bytes) continue;
    const entry = String(entries++);
    map[entry] = name;
    files[entry] = [bytes, { level: 0 }];
  }
  // As Anki writes a legacy package: the collection deflated, the media map stored. Deflate level 1:
  // measured on a 20k-note collection (13 MB), a third to half of level 6's time for a file 7% larger.
  const mtime = new Date(Math.max(ctx.now.getTime(), Date.UTC(1980, 0, 2)));
  const collectionBytes = new Uint8Array(collection.buffer, collection.byteOffset, collection.byteLength);
  const mapBytes = new TextEncoder().encode(JSON.stringify(map));
  const zip = writeZip(
    [
      { name: 'collection.anki2', data: collectionBytes, deflate: true },
      { name: 'media', data: mapBytes, deflate: false },
      ...Object.entries(files).map(([name, [data]]) => ({ name, data, deflate: false })),
    ],
    mtime,
  );
  if (zip) return zip;
  // Past plain zip's limits: fflate's writer, as before.
  return zipSync({ 'collection.anki2': [collectionBytes, { level: 1 }], media: [mapBytes, { level: 0 }], ...files }, { mtime });
}
