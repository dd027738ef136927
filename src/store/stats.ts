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
    return this.sql(
      `SELECT c.state AS state, c.suspended AS suspended, count(*) AS n FROM cards c WHERE c.present = 1${f.sql} GROUP BY c.state, c.suspended`,
    ).all(...f.params) as {
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

  /**
   * Per studied card in the queues: its answers, how many were `again`, and how many of those were
   * at or after `recentSince` — what the hardest cards are ranked by.
   */
  failuresByCard(recentSince: Date, filter: CardFilter | undefined): { card: string; answers: number; again: number; recentAgain: number }[] {
    const f = filterSql(filter);
    return this.sql(
      `SELECT r.card AS card, count(*) AS answers, sum(r.rating = 'again') AS again, sum(r.rating = 'again' AND r.at >= ?) AS recentAgain
       FROM revlog r JOIN cards c ON c.key = r.card
       WHERE c.present = 1 AND c.suspended = 0 AND c.state <> 'new'${f.sql} GROUP BY r.card`,
    ).all(recentSince.getTime(), ...f.params) as { card: string; answers: number; again: number; recentAgain: number }[];
  }

  /** New cards in the queues (present, not suspended), counted by deck and their note's tags. */
  newCardsByDeckAndTags(filter: CardFilter | undefined): { deck: string; tags: string[]; n: number }[] {
    const f = filterSql(filter);
    const rows = this.sql(
      `SELECT c.deck AS deck, n.tags AS tags, count(*) AS n FROM cards c JOIN notes n ON n.key = c.note
       WHERE c.present = 1 AND c.suspended = 0 AND c.state = 'new'${f.sql} GROUP BY c.deck, n.tags`,
    ).all(...f.params) as { deck: string; tags: string; n: number }[];
    return rows.map((r) => ({ deck: r.deck, tags: r.tags.trim().split(' ').filter(Boolean), n: r.n }));
  }

  /** How many present cards are leeches (suspended or not). */
  leechCount(): number {
    return (this.sql('SELECT count(*) AS n FROM cards WHERE present = 1 AND leech = 1').get() as { n: number }).n;
  }

  /** Studied cards in the queues that fall due in [from, to). */
  dueBetween(from: Date, to: Date): number {
    return (
      this.sql(`SELECT count(*) AS n FROM cards WHERE present = 1 AND suspended = 0 AND state <> 'new' AND due >= ? AND due < ?`).get(
        from.getTime(),
        to.getTime(),
      ) as { n: number }
    ).n;
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

  /**
   * Quiz runs up to `until`, each scored on its questions the filter selects (all of them without a
   * filter), oldest first.
   */
  quizRuns(until: Date, filter: CardFilter | undefined): { at: number; score: number; total: number }[] {
    const f = filterSql(filter);
    return this.sql(
      `SELECT r.at AS at, sum(qi.score) AS score, count(*) AS total
       FROM quiz_results r JOIN quiz_items qi ON qi.result = r.id JOIN cards c ON c.key = qi.card
       WHERE r.at <= ?${f.sql} GROUP BY r.id ORDER BY r.at`,
    ).all(until.getTime(), ...f.params) as { at: number; score: number; total: number }[];
  }

  /** Quiz questions up to `until` that the filter selects: their tags and score (0..1). */
  quizByTag(until: Date, filter: CardFilter | undefined): { tags: string; score: number }[] {
    const f = filterSql(filter);
    return this.sql(
      `SELECT qi.tags AS tags, qi.score AS score
       FROM quiz_items qi JOIN quiz_results r ON r.id = qi.result JOIN cards c ON c.key = qi.card
       WHERE r.at <= ?${f.sql}`,
    ).all(until.getTime(), ...f.params) as { tags: string; score: number }[];
  }

  /** Interview answers up to `until` that the filter selects: their key points and which were covered. */
  interviewAnswers(until: Date, filter: CardFilter | undefined): { note: string; keypoints: string; covered: string }[] {
    const f = filterSql(filter);
    return this.sql(
      `SELECT ia.note AS note, ia.keypoints AS keypoints, ia.covered AS covered
       FROM interview_answers ia JOIN cards c ON c.key = ia.card
       WHERE ia.at <= ?${f.sql} ORDER BY ia.id`,
    ).all(until.getTime(), ...f.params) as { note: string; keypoints: string; covered: string }[];
  }

  /**
   * Answers since `since` per quarter hour (`q` = ms / 900,000), of cards the filter selects. Study
   * days begin on a whole local hour and UTC offsets are whole quarter hours, so every quarter hour
   * lies within one study day: exact day counts without reading each answer.
   */
  answersPerQuarterHour(since: Date, filter: CardFilter | undefined): { q: number; n: number }[] {
    const f = filterSql(filter);
    const join = f.sql ? ' JOIN cards c ON c.key = r.card' : '';
    return this.sql(`SELECT r.at / 900000 AS q, count(*) AS n FROM revlog r${join} WHERE r.at >= ?${f.sql} GROUP BY q`).all(since.getTime(), ...f.params) as {
      q: number;
      n: number;
    }[];
  }
}
