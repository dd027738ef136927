/**
 * Review statistics (issue 7), as pure arithmetic over answers and cards: true retention, counts per
 * study day, the heatmap, the due forecast, retention by week, mastery by tag.
 */

/** Maps a moment to its study day number, and a day number to its date (`YYYY-MM-DD`). */
export interface Days {
  dayOf(ms: number): number;
  dateOf(day: number): string;
}

export interface Answer {
  at: number;
  rating: string;
  prevState: string;
}

/**
 * True retention: of the answers given to cards that were in review state before the answer, the
 * share not rated `again` (SPEC §4); null when there were none.
 */
export function trueRetention(answers: readonly Answer[]): number | null {
  const reviews = answers.filter((a) => a.prevState === 'review');
  if (reviews.length === 0) return null;
  return reviews.filter((a) => a.rating !== 'again').length / reviews.length;
}

/** Answers per study day. */
export function perDay(times: readonly number[], days: Days): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of times) {
    const d = days.dayOf(t);
    out.set(d, (out.get(d) ?? 0) + 1);
  }
  return out;
}

/** The `count` study days ending today, oldest first, with their answers (zero included). */
export function heatmap(counts: ReadonlyMap<number, number>, today: number, count: number, days: Days): { date: string; reviews: number }[] {
  return Array.from({ length: count }, (_, i) => today - count + 1 + i).map((d) => ({ date: days.dateOf(d), reviews: counts.get(d) ?? 0 }));
}

/** Cards due on each of the next `count` study days, today first; overdue cards count today. */
export function forecast(dues: readonly number[], today: number, count: number, days: Days): { date: string; due: number }[] {
  const buckets = new Array<number>(count).fill(0);
  for (const due of dues) {
    const i = Math.max(0, days.dayOf(due) - today);
    if (i < count) buckets[i]! += 1;
  }
  return buckets.map((due, i) => ({ date: days.dateOf(today + i), due }));
}

/** True retention per week (weeks end today), oldest first. */
export function retentionByWeek(
  answers: readonly Answer[],
  today: number,
  weeks: number,
  days: Days,
): { week: string; reviews: number; retention: number | null }[] {
  const out = [];
  for (let w = weeks - 1; w >= 0; w--) {
    const last = today - 7 * w;
    const first = last - 6;
    const inWeek = answers.filter((a) => {
      const d = days.dayOf(a.at);
      return d >= first && d <= last;
    });
    out.push({ week: days.dateOf(first), reviews: inWeek.filter((a) => a.prevState === 'review').length, retention: trueRetention(inWeek) });
  }
  return out;
}

/** Mean of the values per key, with how many values there were; most values first. */
export function meanBy(items: readonly { keys: readonly string[]; value: number }[]): { key: string; count: number; sum: number; mean: number }[] {
  const sums = new Map<string, { n: number; sum: number }>();
  for (const it of items) {
    for (const k of it.keys) {
      const s = sums.get(k) ?? { n: 0, sum: 0 };
      s.n += 1;
      s.sum += it.value;
      sums.set(k, s);
    }
  }
  return [...sums].map(([key, s]) => ({ key, count: s.n, sum: s.sum, mean: s.sum / s.n })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** What one card's answers say about it: how often it was failed, overall and lately. */
export interface CardRecord {
  key: string;
  state: string;
  answers: number;
  /** answers rated `again` */
  again: number;
  /** answers rated `again` in the recent window (30 days) */
  recentAgain: number;
  lapses: number;
  stability: number;
  retrievability: number;
}

/** Answers a card needs before its failure rate is taken as telling something. */
export const MIN_ANSWERS_FOR_FAILURE_RATE = 4;

/**
 * The hardest cards: the highest observed failure rate (again / answers) among cards answered at
 * least `minAnswers` times, then the most recent failures. Unlike lapses, this counts a card that
 * never leaves learning or relearning however often it is failed (issue 20).
 */
export function hardestCards<T extends CardRecord>(
  cards: readonly T[],
  count: number,
  minAnswers = MIN_ANSWERS_FOR_FAILURE_RATE,
): (T & { failureRate: number })[] {
  return cards
    .filter((c) => c.answers >= minAnswers && c.again > 0)
    .map((c) => ({ ...c, failureRate: c.again / c.answers }))
    .sort((a, b) => b.failureRate - a.failureRate || b.recentAgain - a.recentAgain || b.answers - a.answers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, count);
}

export interface Mastery {
  key: string;
  /** cards in the queues (new ones included) */
  cards: number;
  /** of them, studied (not new) */
  studied: number;
  /** of them, at or above the desired retention now */
  mastered: number;
  /** mastered / cards */
  share: number;
  /** mean retrievability of the studied cards, null when none is studied */
  retrievability: number | null;
}

/**
 * Mastery per key (tag or deck): the share of the key's cards whose recall now is at or above the
 * desired retention, new cards counting as not mastered, and the mean recall of those studied. A
 * tag just begun reads low however fresh its few cards are; one studied for weeks reads high.
 * Most cards first.
 */
export function masteryBy(items: readonly { keys: readonly string[]; retrievability: number | null }[], desired: number): Mastery[] {
  const acc = new Map<string, { cards: number; studied: number; mastered: number; sum: number }>();
  for (const it of items) {
    for (const k of it.keys) {
      const a = acc.get(k) ?? { cards: 0, studied: 0, mastered: 0, sum: 0 };
      a.cards += 1;
      if (it.retrievability !== null) {
        a.studied += 1;
        a.sum += it.retrievability;
        if (it.retrievability >= desired) a.mastered += 1;
      }
      acc.set(k, a);
    }
  }
  return [...acc]
    .map(([key, a]) => ({
      key,
      cards: a.cards,
      studied: a.studied,
      mastered: a.mastered,
      share: a.mastered / a.cards,
      retrievability: a.studied === 0 ? null : a.sum / a.studied,
    }))
    .sort((x, y) => y.cards - x.cards || x.key.localeCompare(y.key));
}

/** The figures advice is drawn from. */
export interface AdviceInput {
  leeches: number;
  /** leeches not suspended (still in the queues, costing reviews) */
  activeLeeches: number;
  retention30: number | null;
  retentionAnswers30: number;
  desiredRetention: number;
  reviewsToday: number;
  dueTomorrow: number;
  hardest: { card: string; failureRate: number; answers: number; file: string | null; line: number | null } | null;
  studiedCards: number;
}

export interface Advice {
  kind: 'start' | 'leeches' | 'retention-low' | 'retention-high' | 'workload' | 'rewrite';
  text: string;
}

/** Answers to cards in review (30 days) below which calibration is not judged. */
export const MIN_ANSWERS_FOR_CALIBRATION = 50;

/**
 * What to do next, most useful first: at most `count` lines, each one concrete step. Pure: the
 * thresholds are here, in one place, and tested with plain figures.
 */
export function adviceFor(x: AdviceInput, count = 2): Advice[] {
  const out: Advice[] = [];
  if (x.studiedCards === 0) out.push({ kind: 'start', text: 'nothing studied yet: llmcards review starts with today\u2019s new cards' });
  if (x.leeches > 0) {
    const what = x.leeches === 1 ? '1 leech waits' : `${x.leeches} leeches wait`;
    out.push({ kind: 'leeches', text: `${what} to be rewritten or split: llmcards search "" --tag leech` });
  }
  if (x.retention30 !== null && x.retentionAnswers30 >= MIN_ANSWERS_FOR_CALIBRATION) {
    const gap = x.retention30 - x.desiredRetention;
    if (gap <= -0.03) {
      out.push({
        kind: 'retention-low',
        text: `true retention ${x.retention30.toFixed(2)} is below your target ${x.desiredRetention.toFixed(2)}: consider a lower daily new-card limit (llmcards config set new_per_day …) or llmcards optimize`,
      });
    } else if (gap >= 0.05) {
      out.push({
        kind: 'retention-high',
        text: `true retention ${x.retention30.toFixed(2)} is above your target ${x.desiredRetention.toFixed(2)}: you could take more new cards a day`,
      });
    }
  }
  const base = Math.max(x.reviewsToday, 1);
  if (x.dueTomorrow >= 20 && x.dueTomorrow >= 2 * base) {
    const times = x.reviewsToday === 0 ? '' : ` (${Math.round(x.dueTomorrow / base)}× today)`;
    out.push({ kind: 'workload', text: `tomorrow: ${x.dueTomorrow} reviews${times}` });
  }
  if (x.hardest && x.hardest.failureRate >= 0.5 && x.hardest.answers >= 2 * MIN_ANSWERS_FOR_FAILURE_RATE) {
    const where = x.hardest.file ? ` (${x.hardest.file}${x.hardest.line ? `:${x.hardest.line}` : ''})` : '';
    out.push({ kind: 'rewrite', text: `${x.hardest.card} is failed ${Math.round(x.hardest.failureRate * 100)}% of the time: rewrite or split it${where}` });
  }
  return out.slice(0, count);
}
