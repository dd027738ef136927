/**
 * The study streak: consecutive study days with at least one answer, ending today — or yesterday,
 * so that a streak is not shown as broken in the morning before the first review.
 */
export function streakDays(studied: ReadonlySet<number>, today: number): number {
  let day = studied.has(today) ? today : today - 1;
  let n = 0;
  while (studied.has(day)) {
    n++;
    day--;
  }
  return n;
}
