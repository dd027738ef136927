/**
 * The `stats` screen: figures first, then the charts, each titled, laid out for the terminal width.
 */
import type { StatsReport } from '../../app/stats.js';
import { heatmapGrid, horizontalBars, verticalBars } from './chart.js';
import { truncate, width, wrap } from './layout.js';
import type { Theme } from './theme.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
/** Answers to cards in review (30 days) below which calibration is not judged. */
const MIN_FOR_CALIBRATION = 50;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const minutes = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

export function renderStats(r: StatsReport, t: Theme, columnsIn: number): string {
  const columns = Math.max(40, Math.min(columnsIn, 200));
  const h = (s: string) => ['', t.c.bold(s)];
  const c = r.cards;
  const figures = (line: string) => fit(line, columns);
  const lines = [
    t.c.bold('Cards'),
    ...figures(
      `  ${c.total} in all: ${t.c.blue(`${c.new} new`)} · ${t.c.red(`${c.learning} learning`)} · ${t.c.green(`${c.review} review`)} · ${c.suspended} suspended`,
    ),
    ...h('Reviews'),
    ...figures(
      `  today ${r.reviews.today} (${minutes(r.time_spent_ms.today)}) · 7 days ${r.reviews.last_7_days} (${minutes(r.time_spent_ms.last_7_days)}) · 30 days ${r.reviews.last_30_days} (${minutes(r.time_spent_ms.last_30_days)})`,
    ),
    `  streak ${r.streak_days} day${r.streak_days === 1 ? '' : 's'}`,
    ...h('Retention'),
    ...figures(`  true retention: 7 days ${pct(r.retention.last_7_days)} · 30 days ${pct(r.retention.last_30_days)} · desired ${pct(r.desired_retention)}`),
    ...calibration(r, t, columns),
    ...figures(
      `  average stability ${r.average_stability_days === null ? '—' : `${r.average_stability_days.toFixed(1)} days`} · average recall now ${pct(r.average_retrievability)}`,
    ),
    ...h('Reviews, last 26 weeks'),
    ...heatmapGrid(r.heatmap, t, columns).map((l) => `  ${l}`),
    ...h('Due, next 30 days'),
    ...verticalBars(
      r.forecast.map((f) => f.due),
      { first: 'today', last: r.forecast.at(-1)?.date.slice(5) ?? '', dates: r.forecast.map((f) => f.date) },
      t,
      columns - 2,
    ).map((l) => `  ${l}`),
    ...retentionByWeek(r, t, columns),
  ];
  lines.push(
    ...mastery(
      'Mastery by tag',
      r.mastery_by_tag.map((m) => ({ ...m, label: m.tag })),
      r,
      t,
      columns,
    ),
  );
  // One deck's mastery is the total already shown by tag and in the figures.
  if (r.mastery_by_deck.length > 1)
    lines.push(
      ...mastery(
        'Mastery by deck',
        r.mastery_by_deck.map((m) => ({ ...m, label: m.deck })),
        r,
        t,
        columns,
      ),
    );
  if (r.hardest.length > 0) {
    lines.push(...h('Hardest cards (most often failed)'));
    for (const x of r.hardest) {
      const state = x.state === 'review' ? '' : ` · ${x.state}`;
      const figures = `${Math.round(x.failure_rate * 100)}% failed (${x.again}/${x.answers})${x.again_last_30_days ? ` · ${x.again_last_30_days} lately` : ''}${state}`;
      // Card keys are long: on a narrow terminal the figures go under the key rather than cut it.
      if (width(x.card) + width(figures) + 4 <= columns) lines.push(`  ${x.card}  ${t.c.dim(figures)}`);
      else lines.push(`  ${truncate(x.card, columns - 2)}`, ...fit(`    ${figures}`, columns).map((l) => t.c.dim(l)));
      if (x.file) lines.push(`    ${t.c.dim(keepEnd(`${x.file}${x.line ? `:${x.line}` : ''}`, columns - 4))}`);
    }
  }
  if (r.leeches.length > 0) {
    lines.push(...h('Leeches'));
    for (const l of r.leeches) {
      const figures = `${plural(l.lapses, 'lapse')}${l.suspended ? ' · suspended' : ''}`;
      if (width(l.card) + width(figures) + 4 <= columns) lines.push(`  ${l.card}  ${t.c.dim(figures)}`);
      else lines.push(`  ${truncate(l.card, columns - 2)}`, `    ${t.c.dim(figures)}`);
    }
  }
  if (r.quiz.runs > 0 || r.interview.answers > 0) {
    lines.push(...h('Quizzes and interviews'));
    if (r.quiz.runs > 0) {
      lines.push(
        ...fit(
          `  ${plural(r.quiz.runs, 'quiz').replace('quizs', 'quizzes')} · last 30 days ${r.quiz.runs_last_30_days} · average ${r.quiz.average_percent_last_30_days === null ? '—' : `${r.quiz.average_percent_last_30_days.toFixed(0)}%`}`,
          columns,
        ),
      );
      lines.push(
        ...horizontalBars(
          r.quiz.by_tag.slice(0, 8).map((q) => ({ label: q.tag, share: q.score / q.total, text: `${Math.round((100 * q.score) / q.total)}% of ${q.total}` })),
          t,
          columns,
        ),
      );
    }
    if (r.interview.answers > 0) {
      lines.push(...wrap(`${plural(r.interview.answers, 'interview answer')}; key points missed most:`, columns - 2).map((l) => `  ${l}`));
      for (const m of r.interview.most_missed.slice(0, 5))
        lines.push(`    ${truncate(m.keypoint.replace(/\s*\n\s*/g, ' / '), columns - 16)} (${m.missed}/${m.asked})`);
    }
  }
  // The history of several machines (SPEC §8): who answered how much.
  if (r.devices.length > 1) {
    lines.push(...h('Devices'));
    for (const d of r.devices)
      lines.push(
        `  ${truncate(d.device || '(before the journal)', columns - 24)}  ${plural(d.reviews, 'answer')}${d.this_device ? t.c.dim(' (this one)') : ''}`,
      );
  }
  if (r.advice.length > 0) {
    lines.push(...h('What to do next'));
    for (const a of r.advice) lines.push(...wrap(a.text, columns - 4).map((l, i) => `${i === 0 ? '  → ' : '    '}${l}`));
  }
  return lines.join('\n');
}

/** Weekly true retention against the desired retention (the │ on each bar), from the first week with reviews. */
function retentionByWeek(r: StatsReport, t: Theme, columns: number): string[] {
  const firstWithReviews = r.retention_by_week.findIndex((w) => w.reviews > 0);
  if (firstWithReviews < 0) return ['', t.c.bold('Retention by week'), t.c.dim('  no answers to cards in review yet')];
  return [
    '',
    t.c.bold('Retention by week'),
    ...horizontalBars(
      r.retention_by_week
        .slice(firstWithReviews)
        .map((w) => ({ label: w.week, share: w.retention, text: w.retention === null ? 'no reviews' : `${pct(w.retention)} of ${w.reviews}` })),
      t,
      columns,
      r.desired_retention,
    ),
    t.c.dim(`  │ desired retention ${pct(r.desired_retention)}`),
  ];
}

/** Mastered share per tag or deck, with the mean recall and the counts behind it. */
function mastery(
  title: string,
  rows: readonly (Omit<StatsReport['mastery_by_tag'][number], 'tag'> & { label: string })[],
  r: StatsReport,
  t: Theme,
  columns: number,
): string[] {
  if (rows.length === 0) return [];
  const shown = rows.slice(0, 12);
  const text = (m: (typeof shown)[number]) =>
    columns < 60
      ? `${pct(m.mastered_share)} · ${m.studied}/${m.cards}`
      : `${pct(m.mastered_share)} · recall ${pct(m.retrievability)} · ${m.studied}/${m.cards} studied`;
  return [
    '',
    t.c.bold(title),
    ...horizontalBars(
      shown.map((m) => ({ label: m.label, share: m.mastered_share, text: text(m) })),
      t,
      columns,
    ),
    ...wrap(
      `mastered: recall now at or above ${pct(r.desired_retention)}; new cards count as not mastered${rows.length > shown.length ? `; ${rows.length - shown.length} more not shown` : ''}`,
      columns - 2,
    ).map((l) => t.c.dim(`  ${l}`)),
  ];
}

function calibration(r: StatsReport, t: Theme, columns: number): string[] {
  const say = (colour: (s: string) => string, text: string) => wrap(text, columns - 2).map((l) => `  ${colour(l)}`);
  const actual = r.retention.last_30_days;
  if (actual === null) return say(t.c.dim, '(no reviews of mature cards yet to compare with)');
  // A few answers say little: no advice before there are enough to judge by.
  if (r.retention_answers.last_30_days < MIN_FOR_CALIBRATION) {
    return say(t.c.dim, `(${r.retention_answers.last_30_days} answers to cards in review in 30 days: too few yet to judge calibration)`);
  }
  const gap = actual - r.desired_retention;
  if (Math.abs(gap) < 0.03) return say(t.c.green, 'calibrated: you remember about as much as the scheduler aims for');
  return gap < 0
    ? say(t.c.yellow, `you remember ${(Math.abs(gap) * 100).toFixed(0)} points less than aimed for: llmcards optimize may fit your memory better`)
    : say(t.c.dim, `you remember ${(gap * 100).toFixed(0)} points more than aimed for`);
}

/** `text` cut from the left to `cols` columns: a path keeps its file name and line. */
function keepEnd(text: string, cols: number): string {
  if (width(text) <= cols) return text;
  const chars = [...text];
  let out = '';
  for (let i = chars.length - 1; i >= 0 && width(`…${chars[i]}${out}`) <= cols; i--) out = chars[i] + out;
  return `…${out}`;
}

/** A line of figures joined by " · ", broken at those joints when it is wider than the terminal. */
function fit(line: string, columns: number): string[] {
  if (width(line) <= columns) return [line];
  const indent = /^ */.exec(line)![0];
  const out: string[] = [];
  let current = '';
  for (const part of line.trim().split(' · ')) {
    const next = current ? `${current} · ${part}` : part;
    if (current && width(indent + next) > columns) {
      out.push(indent + current);
      current = part;
    } else current = next;
  }
  out.push(indent + current);
  return out;
}
