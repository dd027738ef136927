/**
 * `show CARD`: a card's text, state and review history (SPEC §4).
 */
import { pickLang, type Lang } from '../core/text.js';
import { schedulerFor } from './answer.js';
import { cardText, editedSinceReview, iso, noteOfCard } from './card-view.js';
import { shownPath, type AppContext } from './context.js';
import { resolveCard } from './resolve.js';

export interface HistoryItem {
  at: string;
  rating: string;
  state: string;
  scheduled_days: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  source: string;
  duration_ms: number | null;
  /** the machine that answered (SPEC §8) */
  device: string | null;
}

export interface ShowResult {
  card: string;
  deck: string;
  note: string;
  template: string;
  kind: string;
  file: string;
  line: number;
  front: string;
  back: string;
  tags: string[];
  answers: string[];
  keypoints: string[];
  related: string[];
  explanation: string | null;
  source: string | null;
  state: string;
  due: string | null;
  stability: number;
  difficulty: number;
  retrievability: number | null;
  reps: number;
  lapses: number;
  suspended: boolean;
  buried_until: string | null;
  leech: boolean;
  present: boolean;
  edited: boolean;
  history: HistoryItem[];
  /** this machine's device name (SPEC §8) */
  device: string;
}

export function showCard(ctx: AppContext, ref: string, lang: Lang): ShowResult {
  const key = resolveCard(ctx, ref);
  const card = ctx.store.cards.get(key)!;
  const stored = noteOfCard(ctx, card);
  const note = stored.note;
  const text = cardText(stored, card.template, lang);
  const m = card.memory;
  const tags = card.leech && !note.tags.includes('leech') ? [...note.tags, 'leech'] : [...note.tags];
  return {
    card: key,
    deck: card.deck,
    note: card.note,
    template: card.template,
    kind: note.kind,
    file: shownPath(ctx, stored.file),
    line: stored.line,
    front: text.front,
    back: text.back,
    tags,
    answers: [...note.answers],
    keypoints: note.keypoints.map((k) => pickLang(k, lang)),
    related: [...note.related],
    explanation: note.explanation === undefined ? null : pickLang(note.explanation, lang),
    source: note.source ?? null,
    state: m.state,
    due: iso(m.due),
    stability: m.stability,
    difficulty: m.difficulty,
    retrievability: m.state === 'new' ? null : schedulerFor(ctx.settings).retrievability(m, ctx.now),
    reps: m.reps,
    lapses: m.lapses,
    suspended: card.suspended,
    buried_until: card.buriedUntil && card.buriedUntil > ctx.now ? iso(card.buriedUntil) : null,
    leech: card.leech,
    present: card.present,
    edited: editedSinceReview(card, stored),
    history: ctx.store.revlog.history(key).map((e) => ({
      at: e.at.toISOString(),
      rating: e.rating,
      state: e.after.state,
      scheduled_days: e.after.scheduledDays,
      stability: e.after.stability,
      difficulty: e.after.difficulty,
      elapsed_days: e.elapsedDays,
      source: e.source,
      duration_ms: e.durationMs,
      device: e.device,
    })),
    device: ctx.store.journal.deviceName,
  };
}
