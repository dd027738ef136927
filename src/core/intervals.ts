/**
 * Human interval labels, as on Anki's answer buttons: `45s`, `1m`, `10m`, `1.5h`, `3d`, `2.1mo`, `1.2y`.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** One decimal, without a trailing `.0`. */
function oneDecimal(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** The label for a span of `ms` milliseconds (negative spans are treated as zero). */
export function formatInterval(ms: number): string {
  const t = Math.max(0, ms);
  if (t < MINUTE) return `${Math.round(t / 1000)}s`;
  if (t < HOUR) return `${Math.round(t / MINUTE)}m`;
  if (t < DAY) return `${oneDecimal(t / HOUR)}h`;
  if (t < MONTH) return `${Math.round(t / DAY)}d`;
  if (t < YEAR) return `${oneDecimal(t / MONTH)}mo`;
  return `${oneDecimal(t / YEAR)}y`;
}
