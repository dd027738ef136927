/**
 * The queries behind `stats`, `optimize` and `simulate`: the review log and the cards, narrowed by
 * the common filters. Raw rows; the arithmetic is core/stats.ts.
 */
import type { StateName } from '../core/states.js';
import { cardFromRow, type CardRow, type StoredCard } from './cards.js';
import { filterSql, type CardFilter } from './filter.js';
import { Queries } from './queries.js';

export interface AnswerRow {
  card: string;
  at: number;
  rating: string;
  prevState: StateName;
  durationMs: number | null;
  source: string;
}

export interface CardWithTags {
  card: StoredCard;
  tags: string[];
}

export class StatsQueries extends Queries {
  /** Cards present in deck files, by state, and the suspended ones. */
  cardCounts(filter: CardFilter | undefined): { state: StateName; suspended: number; n: number }[] {
    const f = filterSql(filter);
    return this.sql(`SELECT c.state AS state, c.suspended AS suspended, count(*) AS n FROM cards c WHERE c.present = 1${f.sql} GROUP BY c.state, c.suspended`).all(...f.params) as {
      state: StateName;
      suspended: number;
      n: number;
    }[];
  }

  /** Answers since `since` (oldest first), of cards the filter selects. */
  answersSince(since: Date, filter: CardFilter | undefined): AnswerRow[] {
    const f = filterSql(filter);
    return this.sql(
      `SELECT r.card AS card, r.at AS at, r.rating AS rating, r.prev_state AS prevState, r.duration_ms AS durationMs, r.source AS source
       FROM revlog r JOIN cards c ON c.key = r.card WHERE r.at >= ?${f.sql} ORDER BY r.at, r.id`,
    ).all(since.getTime(), ...f.params) as AnswerRow[];
  }

  /** Every answer, by card then time: the history the optimizer learns from. */
  allAnswers(filter: CardFilter | undefined): AnswerRow[] {
    return this.answersSince(new Date(0), filter).sort((a, b) => (a.card < b.card ? -1 : a.card > b.card ? 1 : a.at - b.at));
  }

  /** Studied cards (not new) present and not suspended, with their notes' tags. */
  studiedCards(filter: CardFilter | undefined): CardWithTags[] {
    const f = filterSql(filter);
    const rows = this.sql(
      `SELECT c.key, c.note, c.deck, c.template, c.present, c.state, c.due, c.stability, c.difficulty, c.scheduled_days,
              c.learning_steps, c.reps, c.lapses, c.last_review, c.suspended, c.buried_until, c.leech, n.tags AS tags
       FROM cards c JOIN notes n ON n.key = c.note
       WHERE c.present = 1 AND c.suspended = 0 AND c.state <> 'new'${f.sql}`,
    ).all(...f.params) as (CardRow & { tags: string })[];
    return rows.map((r) => ({ card: cardFromRow(r), tags: r.tags.trim().split(' ').filter(Boolean) }));
  }

  /** Leeches among the present cards (suspended or not). */
  leeches(filter: CardFilter | undefined): StoredCard[] {
    const f = filterSql(filter);
    const rows = this.sql(
      `SELECT c.key, c.note, c.deck, c.template, c.present, c.state, c.due, c.stability, c.difficulty, c.scheduled_days,
              c.learning_steps, c.reps, c.lapses, c.last_review, c.suspended, c.buried_until, c.leech
       FROM cards c WHERE c.present = 1 AND c.leech = 1${f.sql} ORDER BY c.lapses DESC, c.key`,
    ).all(...f.params) as CardRow[];
    return rows.map(cardFromRow);
  }

  /** Quiz runs since `since`: when, score and total. */
  quizRuns(since: Date): { at: number; score: number; total: number }[] {
    return this.sql('SELECT at, score, total FROM quiz_results WHERE at >= ? ORDER BY at').all(since.getTime()) as { at: number; score: number; total: number }[];
  }

  /** Quiz outcomes per tag: summed score and count. */
  quizByTag(): { tags: string; score: number }[] {
    return this.sql('SELECT tags, score FROM quiz_items').all() as { tags: string; score: number }[];
  }

  /** Interview answers: their key points and which were covered. */
  interviewAnswers(): { note: string; keypoints: string; covered: string }[] {
    return this.sql('SELECT note, keypoints, covered FROM interview_answers ORDER BY id').all() as { note: string; keypoints: string; covered: string }[];
  }
}
