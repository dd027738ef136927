/**
 * `stats` (SPEC §4, issue 7): counts, reviews, true retention, streak, heatmap and forecast in the
 * shape SPEC fixes, and more — time spent, retention by week, mastery by tag, the hardest cards,
 * leeches, quiz and interview results.
 */
import {
  adviceFor,
  forecast,
  hardestCards,
  heatmap,
  masteryBy,
  meanBy,
  perDay,
  retentionByWeek,
  trueRetention,
  type Advice,
  type Days,
  type Mastery,
} from '../core/stats.js';
import { dateOfDayNumber, studyDayNumber } from '../core/timing.js';
import type { CardFilter } from '../store/filter.js';
import { shownPath, type AppContext } from './context.js';
import { studyHistory } from './dashboard.js';
import { schedulerFor } from './answer.js';

const HEATMAP_DAYS = 26 * 7;
const FORECAST_DAYS = 30;
const WEEKS = 12;

export interface StatsReport {
  cards: { total: number; new: number; learning: number; review: number; suspended: number };
  reviews: { today: number; last_7_days: number; last_30_days: number };
  retention: { last_7_days: number | null; last_30_days: number | null };
  /** how many answers the true retention figures are made of (answers to cards in review state) */
  retention_answers: { last_7_days: number; last_30_days: number };
  streak_days: number;
  heatmap: { date: string; reviews: number }[];
  forecast: { date: string; due: number }[];
  desired_retention: number;
  time_spent_ms: { today: number; last_7_days: number; last_30_days: number };
  average_stability_days: number | null;
  average_retrievability: number | null;
  retention_by_week: { week: string; reviews: number; retention: number | null }[];
  /**
   * Per tag and per deck: of the cards in the queues (new included), how many are studied and how
   * many are mastered (recall now ≥ desired retention), the share mastered, and the mean recall of
   * the studied ones (`retrievability`, null when none is studied).
   */
  mastery_by_tag: (MasteryRow & { tag: string })[];
  mastery_by_deck: (MasteryRow & { deck: string })[];
  /** by observed failure rate (again / answers, at least 4 answers), then recent failures */
  hardest: {
    card: string;
    state: string;
    answers: number;
    again: number;
    failure_rate: number;
    again_last_30_days: number;
    lapses: number;
    stability: number;
    retrievability: number;
    file: string | null;
    line: number | null;
  }[];
  /** one or two concrete next steps, most useful first */
  advice: Advice[];
  leeches: { card: string; lapses: number; suspended: boolean }[];
  quiz: { runs: number; runs_last_30_days: number; average_percent_last_30_days: number | null; by_tag: { tag: string; score: number; total: number }[] };
  interview: { answers: number; most_missed: { keypoint: string; note: string; missed: number; asked: number }[] };
  /** answers in the log per device (SPEC §8: the merged history of every machine) */
  devices: { device: string; reviews: number; this_device: boolean }[];
}

export interface MasteryRow {
  cards: number;
  studied: number;
  mastered: number;
  mastered_share: number;
  retrievability: number | null;
}

const masteryRow = (m: Mastery): MasteryRow => ({
  cards: m.cards,
  studied: m.studied,
  mastered: m.mastered,
  mastered_share: m.share,
  retrievability: m.retrievability,
});

export function studyDays(ctx: AppContext): Days & { today: number } {
  const { day_starts_at } = ctx.settings;
  return {
    dayOf: (ms) => studyDayNumber(new Date(ms), day_starts_at, ctx.env.offsetAt),
    dateOf: dateOfDayNumber,
    today: studyDayNumber(ctx.now, day_starts_at, ctx.env.offsetAt),
  };
}

export function statsReport(ctx: AppContext, filter?: CardFilter): StatsReport {
  const st = ctx.store.stats;
  const days = studyDays(ctx);
  const today = days.today;

  const cards = { total: 0, new: 0, learning: 0, review: 0, suspended: 0 };
  for (const row of st.cardCounts(filter)) {
    cards.total += row.n;
    if (row.suspended) cards.suspended += row.n;
    else if (row.state === 'new') cards.new += row.n;
    else if (row.state === 'review') cards.review += row.n;
    else cards.learning += row.n;
  }

  // Answers of the longest window any figure needs (the heatmap's 26 weeks).
  const since = new Date(ctx.now.getTime() - (HEATMAP_DAYS + 2) * 86_400_000);
  const answers = st.answersSince(since, filter).filter((a) => a.at <= ctx.now.getTime());
  // Each answer's study day once (it needs the time zone's offset at that moment).
  const dayOfAnswer = new Map<number, number>();
  const cached: Days = {
    ...days,
    dayOf: (ms) => {
      let d = dayOfAnswer.get(ms);
      if (d === undefined) dayOfAnswer.set(ms, (d = days.dayOf(ms)));
      return d;
    },
  };
  const within = (n: number) => answers.filter((a) => cached.dayOf(a.at) > today - n);
  const sum = (xs: typeof answers) => xs.reduce((t, a) => t + (a.durationMs ?? 0), 0);
  const counts = perDay(
    answers.map((a) => a.at),
    cached,
  );

  const scheduler = schedulerFor(ctx.settings);
  const studied = st.studiedCards(filter);
  const withR = studied.map((s) => ({ ...s, r: scheduler.retrievability(s.card.memory, ctx.now) }));
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

  // Mastery counts every card in the queues: the new ones are not mastered yet.
  const desired = ctx.settings.fsrs.desired_retention;
  const newCards = st.newCardsByDeckAndTags(filter);
  const masteryItems = (keysOf: (deck: string, tags: readonly string[]) => string[]) => [
    ...withR.map((s) => ({ keys: keysOf(s.card.deck, s.tags), retrievability: s.r })),
    ...newCards.flatMap((g) => Array.from({ length: g.n }, () => ({ keys: keysOf(g.deck, g.tags), retrievability: null }))),
  ];

  const byKey = new Map(withR.map((s) => [s.card.key, s]));
  const records = st.failuresByCard(new Date(ctx.now.getTime() - 30 * 86_400_000), filter).flatMap((f) => {
    const s = byKey.get(f.card);
    return s
      ? [
          {
            key: f.card,
            state: s.card.memory.state,
            answers: f.answers,
            again: f.again,
            recentAgain: f.recentAgain,
            lapses: s.card.memory.lapses,
            stability: s.card.memory.stability,
            retrievability: s.r,
            note: s.card.note,
          },
        ]
      : [];
  });
  const hardestPicked = hardestCards(records, 10);
  const notes = ctx.store.notes.getMany([...new Set(hardestPicked.map((h) => h.note))]);
  const hardest = hardestPicked.map((h) => {
    const n = notes.get(h.note);
    return {
      card: h.key,
      state: h.state,
      answers: h.answers,
      again: h.again,
      failure_rate: h.failureRate,
      again_last_30_days: h.recentAgain,
      lapses: h.lapses,
      stability: h.stability,
      retrievability: h.retrievability,
      file: n ? shownPath(ctx, n.file) : null,
      line: n ? n.line : null,
    };
  });
  const leeches = st.leeches(filter).map((c) => ({ card: c.key, lapses: c.memory.lapses, suspended: c.suspended }));
  const heat = heatmap(counts, today, HEATMAP_DAYS, days);
  const coming = forecast(
    // A buried card comes back when its burial ends, not on its due day.
    studied.map((s) => Math.max(s.card.memory.due!.getTime(), s.card.buriedUntil?.getTime() ?? 0)),
    today,
    FORECAST_DAYS,
    days,
  );
  const retention30 = trueRetention(within(30));
  const retentionAnswers30 = within(30).filter((a) => a.prevState === 'review').length;

  const quizRuns = st.quizRuns(ctx.now, filter);
  const recentRuns = quizRuns.filter((r) => r.at > ctx.now.getTime() - 30 * 86_400_000);
  const quizTags = meanBy(st.quizByTag(ctx.now, filter).map((q) => ({ keys: q.tags.trim().split(' ').filter(Boolean), value: q.score })));

  const missed = new Map<string, { keypoint: string; note: string; missed: number; asked: number }>();
  const interviews = st.interviewAnswers(ctx.now, filter);
  for (const a of interviews) {
    const kps = JSON.parse(a.keypoints) as string[];
    const covered = JSON.parse(a.covered) as boolean[];
    kps.forEach((k, i) => {
      const key = `${a.note}\u0000${k}`;
      const m = missed.get(key) ?? { keypoint: k, note: a.note, missed: 0, asked: 0 };
      m.asked += 1;
      if (!covered[i]) m.missed += 1;
      missed.set(key, m);
    });
  }

  return {
    cards,
    reviews: { today: within(1).length, last_7_days: within(7).length, last_30_days: within(30).length },
    retention: { last_7_days: trueRetention(within(7)), last_30_days: retention30 },
    retention_answers: { last_7_days: within(7).filter((a) => a.prevState === 'review').length, last_30_days: retentionAnswers30 },
    streak_days: studyHistory(ctx, today, filter).streak,
    heatmap: heat,
    forecast: coming,
    desired_retention: ctx.settings.fsrs.desired_retention,
    time_spent_ms: { today: sum(within(1)), last_7_days: sum(within(7)), last_30_days: sum(within(30)) },
    average_stability_days: mean(studied.map((s) => s.card.memory.stability)),
    average_retrievability: mean(withR.map((s) => s.r)),
    retention_by_week: retentionByWeek(answers, today, WEEKS, cached),
    mastery_by_tag: masteryBy(
      masteryItems((_, tags) => [...tags]),
      desired,
    ).map((m) => ({ tag: m.key, ...masteryRow(m) })),
    mastery_by_deck: masteryBy(
      masteryItems((deck) => [deck]),
      desired,
    ).map((m) => ({ deck: m.key, ...masteryRow(m) })),
    hardest,
    advice: adviceFor({
      leeches: leeches.length,
      activeLeeches: leeches.filter((l) => !l.suspended).length,
      retention30,
      retentionAnswers30,
      desiredRetention: desired,
      reviewsToday: heat.at(-1)?.reviews ?? 0,
      dueTomorrow: coming[1]?.due ?? 0,
      hardest: hardest[0]
        ? { card: hardest[0].card, failureRate: hardest[0].failure_rate, answers: hardest[0].answers, file: hardest[0].file, line: hardest[0].line }
        : null,
      studiedCards: studied.length,
    }),
    leeches,
    quiz: {
      runs: quizRuns.length,
      runs_last_30_days: recentRuns.length,
      average_percent_last_30_days:
        recentRuns.length === 0 ? null : (100 * recentRuns.reduce((t, r) => t + r.score, 0)) / recentRuns.reduce((t, r) => t + r.total, 0),
      by_tag: quizTags.map((t) => ({ tag: t.key, score: t.sum, total: t.count })),
    },
    interview: {
      answers: interviews.length,
      most_missed: [...missed.values()]
        .filter((m) => m.missed > 0)
        .sort((a, b) => b.missed - a.missed || b.asked - a.asked || a.keypoint.localeCompare(b.keypoint))
        .slice(0, 10),
    },
    devices: ctx.store.history.answersByDevice().map((d) => ({ ...d, this_device: d.device === ctx.store.journal.deviceName })),
  };
}
