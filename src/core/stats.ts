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
export function retentionByWeek(answers: readonly Answer[], today: number, weeks: number, days: Days): { week: string; reviews: number; retention: number | null }[] {
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
