/**
 * The queue, SPEC §5 in one place: what a review shows next, and how many cards today's limits let
 * through. Due learning cards first, then reviews (most overdue first) with new cards mixed in
 * evenly; the siblings of a note answered today wait; per-deck limits, and the collection-wide limit
 * over all of them. Handing over the candidates is a source's job (the store's SQL, or plain arrays);
 * every decision is made here.
 */
import { seededRank } from './random.js';
import type { StateName } from './states.js';

export interface Limits {
  newPerDay: number;
  reviewsPerDay: number;
}

/** What was already studied today, counted from the review log. */
export interface DoneToday {
  /** new cards answered for the first time today */
  newDone: number;
  /** review-state cards answered today */
  reviewDone: number;
}

export interface Remaining {
  new: number;
  review: number;
}

/** How many more new and review cards the limits allow today. */
export function remainingToday(limits: Limits, done: DoneToday): Remaining {
  return {
    new: Math.max(0, limits.newPerDay - done.newDone),
    review: Math.max(0, limits.reviewsPerDay - done.reviewDone),
  };
}

export interface QueueCounts {
  new: number;
  learning: number;
  review: number;
}

/**
 * Collection-wide counts from per-deck counts (each already capped by its deck's limits): the sum,
 * capped by the collection's own remaining allowance. Learning cards are never limited.
 */
export function totalCounts(perDeck: readonly QueueCounts[], collection: Remaining): QueueCounts {
  const sum = perDeck.reduce((a, d) => ({ new: a.new + d.new, learning: a.learning + d.learning, review: a.review + d.review }), {
    new: 0,
    learning: 0,
    review: 0,
  });
  return {
    new: Math.min(sum.new, collection.new),
    learning: sum.learning,
    review: Math.min(sum.review, collection.review),
  };
}

/**
 * Whether the next card after the due learning cards should be a new card or a review, spreading
 * today's new cards evenly through today's reviews (Anki's intersperser). Stateless: it depends only
 * on what was done today and what remains, so `next` from a script and the interactive review agree.
 */
export function nextKind(remaining: Remaining, done: DoneToday): 'new' | 'review' | null {
  if (remaining.new <= 0 && remaining.review <= 0) return null;
  if (remaining.new <= 0) return 'review';
  if (remaining.review <= 0) return 'new';
  const totalNew = done.newDone + remaining.new;
  const total = totalNew + done.reviewDone + remaining.review;
  const position = done.newDone + done.reviewDone + 1;
  return Math.floor((position * totalNew) / total) > done.newDone ? 'new' : 'review';
}

/** Learning cards due within this much of now are shown when nothing else is left (Anki's learn-ahead). */
export const LEARN_AHEAD_MS = 20 * 60_000;

// ---------------------------------------------------------------------------------------------
// The rule book. Everything SPEC §5 says about which card may be shown today, and in what order,
// is decided below, on plain values. A source (the store, or an array in the tests) only hands
// over candidates: it may narrow them by terms of these same rules for speed (an index seek), never
// by others, and it hands them over in STUDY_ORDER. test/store/queue-source.test.ts checks the store.

export type Bucket = 'learning' | 'review' | 'new';

/** What the rules read of a card. Times are milliseconds since the epoch. */
export interface QueueCandidate {
  note: string;
  state: StateName;
  /** null while new */
  due: number | null;
  /** its note is in a deck file now */
  present: boolean;
  suspended: boolean;
  buriedUntil: number | null;
}

/** A candidate that can be picked: it also carries its key, deck and new-card position. */
export interface PickCandidate extends QueueCandidate {
  key: string;
  deck: string;
  /** new-card order: the note's position in its file, then its template */
  ord: number;
  /** when it came into the collection, as a rising number (`new_order: added`) */
  added?: number;
}

/** The moment the queue is built for, and the study day it falls in. */
export interface QueueMoment {
  at: number;
  /** the start of the study day: a sibling answered since then makes its note's cards wait */
  dayStart: number;
  /** the start of the next study day: what falls due before it is due today */
  nextDayAt: number;
}

/** Shown at all: its note is in a deck file, it is not suspended, and any bury has run out. */
export function showable(c: QueueCandidate, at: number): boolean {
  return c.present && !c.suspended && (c.buriedUntil === null || c.buriedUntil <= at);
}

/** Which of today's queues a card is in, if any: new cards always; others when due before the next day. */
export function bucketOf(c: QueueCandidate, m: QueueMoment): Bucket | null {
  if (c.state === 'new') return 'new';
  if (c.due === null || c.due >= m.nextDayAt) return null;
  return c.state === 'review' ? 'review' : 'learning';
}

/**
 * Whether a card counts in this bucket today. The siblings rule (SPEC §5): the new and review cards
 * of a note answered today wait until tomorrow; its learning cards (the one just answered) do not.
 */
export function inBucket(c: QueueCandidate, bucket: Bucket, m: QueueMoment, answeredToday: ReadonlySet<string>): boolean {
  if (!showable(c, m.at) || bucketOf(c, m) !== bucket) return false;
  return bucket === 'learning' || !answeredToday.has(c.note);
}

/** The order cards of a bucket are studied in: learning soonest due, reviews most overdue, new by position. */
export const STUDY_ORDER: Record<Bucket, (a: PickCandidate, b: PickCandidate) => number> = {
  learning: (a, b) => (a.due ?? 0) - (b.due ?? 0),
  review: (a, b) => (a.due ?? 0) - (b.due ?? 0),
  new: (a, b) => a.ord - b.ord || (a.deck < b.deck ? -1 : a.deck > b.deck ? 1 : 0),
};

/** The orders new cards can come in (config `new_order`). */
export const NEW_ORDERS = ['deck', 'added', 'random'] as const;
export type NewOrder = (typeof NEW_ORDERS)[number];

/**
 * How today's new cards are ordered across decks:
 * - `deck`: deck by deck, by each deck's `order:` (lower first; decks without one after, by name),
 *   each deck's notes in file order. A collection learns its foundations before what builds on them.
 * - `added`: in the order the cards came into the collection (file order within one sync).
 * - `random`: shuffled by the seed (`seededRank`): the same seed, the same order.
 * - `position` (when none is given): by position in their files, the decks taking turns.
 */
export type NewOrderRule =
  | { by: 'deck'; deckOrder: ReadonlyMap<string, number | null> }
  | { by: 'added' }
  | { by: 'random'; seed: number }
  | { by: 'position' };

/** Deck names in the `deck` order: by `order:` (none after), then by name. */
export function decksInOrder(decks: readonly string[], deckOrder: ReadonlyMap<string, number | null>): string[] {
  const rank = (d: string) => deckOrder.get(d) ?? Number.POSITIVE_INFINITY;
  return [...decks].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The order new cards are handed over in for `new_order: added`: when added, then by position. */
export const ADDED_ORDER = (a: PickCandidate, b: PickCandidate) => (a.added ?? 0) - (b.added ?? 0) || STUDY_ORDER.new(a, b);

/**
 * One deck's candidates for a bucket, for counting: how many there are, and the few among them that
 * need a closer look. Counting a large collection's queues must not read every card (the store counts
 * in an index and stops at the cap), so the source hands over the count itself, and as cards only
 * those the rules might turn away: `doubtful` is part of what `count` counts, and holds every card of
 * it that the rules would not let through.
 */
export interface DeckCandidates {
  /** how many candidates there are, or `upTo` if there are more */
  count(upTo: number): number;
  doubtful: Iterable<QueueCandidate>;
}

/** Candidates, as a source hands them over. */
export interface QueueSource<C extends PickCandidate = PickCandidate> {
  /** One deck's candidates for a bucket; the notes answered today are what may make a card doubtful. */
  deckCandidates(deck: string, bucket: Bucket, answeredToday: ReadonlySet<string>): DeckCandidates;
  /** (Re)learning candidates due before `before`, of any deck the source covers, in STUDY_ORDER. */
  learning(before: number): Iterable<C>;
  /** Candidates of these decks for a bucket, in STUDY_ORDER (new ones by `added` then STUDY_ORDER when asked: ADDED_ORDER). */
  ordered(bucket: 'review' | 'new', decks: readonly string[], by?: 'added'): Iterable<C>;
}

/** How many of the candidates count in the bucket, up to `cap`: those the source has, less those the rules turn away. */
export function countBucket(cards: DeckCandidates, bucket: Bucket, m: QueueMoment, answeredToday: ReadonlySet<string>, cap: number): number {
  if (cap <= 0) return 0;
  let refused = 0;
  for (const c of cards.doubtful) if (!inBucket(c, bucket, m, answeredToday)) refused++;
  return Math.max(0, Math.min(cap, cards.count(cap + refused) - refused));
}

export interface DeckQueue {
  deck: string;
  limits: Limits;
  done: DoneToday;
  remaining: Remaining;
  counts: QueueCounts;
}

export interface QueueInput {
  /** the collection's own limits */
  limits: Limits;
  /** each deck in the selection, with its limits and what it did today */
  decks: readonly { deck: string; limits: Limits; done: DoneToday }[];
  /** what the whole collection did today (every deck, not only the selected ones) */
  done: DoneToday;
  /** `review --new N`: at most this many new cards in this session */
  newCap?: number;
  /** the notes answered since the day started */
  answeredToday: ReadonlySet<string>;
}

export interface Queue {
  decks: DeckQueue[];
  collection: { limits: Limits; done: DoneToday; remaining: Remaining };
  totals: QueueCounts;
}

/**
 * Today's queues: per deck, its learning cards (never limited) and as many review and new cards as
 * its limits, and the collection's, still allow.
 */
export function buildQueue(input: QueueInput, source: Pick<QueueSource, 'deckCandidates'>, m: QueueMoment): Queue {
  const collectionRemaining = remainingToday(input.limits, input.done);
  if (input.newCap !== undefined) collectionRemaining.new = Math.max(0, Math.min(collectionRemaining.new, input.newCap));
  const decks = input.decks.map((d): DeckQueue => {
    const own = remainingToday(d.limits, d.done);
    // A deck never lets through more than the collection as a whole still allows.
    const remaining = { new: Math.min(own.new, collectionRemaining.new), review: Math.min(own.review, collectionRemaining.review) };
    const count = (bucket: Bucket, cap: number) => countBucket(source.deckCandidates(d.deck, bucket, input.answeredToday), bucket, m, input.answeredToday, cap);
    return {
      ...d,
      remaining,
      counts: { new: count('new', remaining.new), learning: count('learning', Infinity), review: count('review', remaining.review) },
    };
  });
  return {
    decks,
    collection: { limits: input.limits, done: input.done, remaining: collectionRemaining },
    totals: totalCounts(
      decks.map((d) => d.counts),
      collectionRemaining,
    ),
  };
}

/** Review cards due today beyond what the limits let through (when the queues are empty because of them). */
export function heldBack(q: Queue, source: Pick<QueueSource, 'deckCandidates'>, m: QueueMoment, answeredToday: ReadonlySet<string>): number {
  if (q.decks.every((d) => d.remaining.review > 0)) return 0;
  let held = 0;
  for (const d of q.decks)
    held += Math.max(0, countBucket(source.deckCandidates(d.deck, 'review', answeredToday), 'review', m, answeredToday, Infinity) - d.counts.review);
  return held;
}

/**
 * The card shown next, or null when nothing is left today: due learning cards first; then a review
 * or a new card, mixed evenly (`nextKind`), from the decks whose queue still holds one; then learning
 * cards due within the learn-ahead window. `exclude`: cards this session passed over.
 */
export function pickNext<C extends PickCandidate>(
  q: Queue,
  source: QueueSource<C>,
  m: QueueMoment,
  answeredToday: ReadonlySet<string>,
  exclude: ReadonlySet<string> = new Set(),
  newOrder: NewOrderRule = { by: 'position' },
): C | null {
  const pick = (cards: Iterable<C>, counts: (c: C) => boolean) => {
    for (const c of cards) if (!exclude.has(c.key) && counts(c)) return c;
    return null;
  };
  // A learning card is shown once it is due (or due within the learn-ahead window), whichever day that is.
  const dueLearning = (before: number) => (c: C) =>
    showable(c, m.at) && (c.state === 'learning' || c.state === 'relearning') && c.due !== null && c.due < before;
  const learning = pick(source.learning(m.at), dueLearning(m.at));
  if (learning) return learning;

  const order = nextKind({ new: q.totals.new, review: q.totals.review }, q.collection.done);
  for (const kind of order === 'new' ? (['new', 'review'] as const) : (['review', 'new'] as const)) {
    const decks = q.decks.filter((d) => d.counts[kind] > 0).map((d) => d.deck);
    if (decks.length === 0) continue;
    const counts = (c: C) => inBucket(c, kind, m, answeredToday);
    const card = kind === 'review' ? pick(source.ordered(kind, decks), counts) : pickNew(source, decks, newOrder, (c) => !exclude.has(c.key) && counts(c));
    if (card) return card;
  }
  const ahead = m.at + LEARN_AHEAD_MS;
  return pick(source.learning(ahead), dueLearning(ahead));
}

/** The first new card that counts, in the collection's new-card order. */
function pickNew<C extends PickCandidate>(source: QueueSource<C>, decks: readonly string[], order: NewOrderRule, counts: (c: C) => boolean): C | null {
  const first = (cards: Iterable<C>) => {
    for (const c of cards) if (counts(c)) return c;
    return null;
  };
  switch (order.by) {
    case 'deck':
      for (const deck of decksInOrder(decks, order.deckOrder)) {
        const card = first(source.ordered('new', [deck]));
        if (card) return card;
      }
      return null;
    case 'added':
      return first(source.ordered('new', decks, 'added'));
    case 'random': {
      // The lowest rank of all that count: every new card of the decks is looked at.
      let best: C | null = null;
      let bestRank = Number.POSITIVE_INFINITY;
      for (const c of source.ordered('new', decks)) {
        if (!counts(c)) continue;
        const rank = seededRank(order.seed, c.key);
        if (rank < bestRank) [best, bestRank] = [c, rank];
      }
      return best;
    }
    case 'position':
      return first(source.ordered('new', decks));
  }
}

/** A source over plain cards: the reference the store's source is checked against, and the tests' data. */
export function arraySource<C extends PickCandidate>(cards: readonly C[]): QueueSource<C> {
  const sorted = (bucket: Bucket, keep: (c: C) => boolean) => cards.filter(keep).sort(STUDY_ORDER[bucket]);
  return {
    deckCandidates: (deck) => {
      const all = cards.filter((c) => c.deck === deck);
      return { count: (upTo) => Math.min(upTo, all.length), doubtful: all };
    },
    learning: (before) => sorted('learning', (c) => (c.state === 'learning' || c.state === 'relearning') && c.due !== null && c.due < before),
    ordered: (bucket, decks, by) => {
      const of = (c: C) => decks.includes(c.deck) && (bucket === 'new' ? c.state === 'new' : c.state === 'review');
      return by === 'added' && bucket === 'new' ? cards.filter(of).sort(ADDED_ORDER) : sorted(bucket, of);
    },
  };
}
