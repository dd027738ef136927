/**
 * `export --format json`: every deck and note with every field, and with `--with-state` each card's
 * scheduling state and review history. `import` reads this shape back (app/import/json.ts).
 */
import type { Note } from '../../core/notes.js';
import type { Localized } from '../../core/text.js';
import type { MemoryState } from '../../core/scheduler.js';
import type { ExportCard, ExportDeck } from './gather.js';

/** The format's name and version, checked on import. */
export const JSON_FORMAT = 'llmcards';
export const JSON_VERSION = 1;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function memoryJson(m: MemoryState) {
  return {
    state: m.state,
    due: iso(m.due),
    stability: m.stability,
    difficulty: m.difficulty,
    scheduled_days: m.scheduledDays,
    learning_steps: m.learningSteps,
    reps: m.reps,
    lapses: m.lapses,
    last_review: iso(m.lastReview),
  };
}

function cardJson(c: ExportCard) {
  if (!c.state) return { card: c.key, template: c.template };
  return {
    card: c.key,
    template: c.template,
    ...memoryJson(c.state.memory),
    suspended: c.state.suspended,
    buried_until: iso(c.state.buriedUntil),
    leech: c.state.leech,
    history: (c.history ?? []).map((h) => ({
      at: h.at.toISOString(),
      rating: h.rating,
      source: h.source,
      duration_ms: h.durationMs,
      elapsed_days: h.elapsedDays,
      ...memoryJson(h.after),
      before: memoryJson(h.before),
    })),
  };
}

/** A note with all its fields (absent optional ones as null or empty lists). */
export function noteJson(note: Note, key: string) {
  const text: Record<string, Localized | boolean> =
    note.kind === 'glossary'
      ? { term: note.term, definition: note.definition, reverse: note.reverse }
      : note.kind === 'question'
        ? { front: note.front, back: note.back, reverse: note.reverse }
        : { cloze: note.cloze };
  return {
    id: note.id,
    key,
    kind: note.kind,
    ...text,
    tags: [...note.tags],
    answers: [...note.answers],
    keypoints: [...note.keypoints],
    related: [...note.related],
    distractors: note.distractors,
    explanation: note.explanation ?? null,
    source: note.source ?? null,
    ...(note.guid !== undefined ? { guid: note.guid } : {}),
  };
}

/** The whole export as one JSON document (pretty-printed, ending with a newline). */
export function exportJson(decks: readonly ExportDeck[], now: Date): string {
  const doc = {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    exported_at: now.toISOString(),
    decks: decks.map((d) => ({
      deck: d.deck.name,
      title: d.deck.title ?? null,
      description: d.deck.description ?? null,
      tags: [...d.deck.tags],
      order: d.deck.order ?? null,
      options: d.deck.options,
      notes: d.notes.map((n) => ({ ...noteJson(n.note, n.key), cards: n.cards.map(cardJson) })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
