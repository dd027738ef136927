/**
 * Quiz results and interview answers: kept for statistics and for choosing weak topics.
 */
import { Queries } from './queries.js';

export interface QuizItemRow {
  n: number;
  card: string;
  note: string;
  kind: string;
  score: number;
  given: string;
  expected: string;
  tags: readonly string[];
}

export interface QuizRecord {
  at: Date;
  seed: number;
  mode: string;
  score: number;
  total: number;
  durationMs: number | null;
  scripted: boolean;
  items: readonly QuizItemRow[];
}

export interface InterviewRecord {
  session: string;
  at: Date;
  card: string;
  note: string;
  answer: string;
  keypoints: readonly string[];
  covered: readonly boolean[];
  rating: string | null;
}

export class QuizQueries extends Queries {
  /** Store a quiz and its items (call inside a write transaction). Returns the result's id. */
  record(r: QuizRecord): number {
    const id = Number(
      this.sql('INSERT INTO quiz_results (at, seed, mode, score, total, duration_ms, scripted) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        r.at.getTime(),
        r.seed,
        r.mode,
        r.score,
        r.total,
        r.durationMs,
        r.scripted ? 1 : 0,
      ).lastInsertRowid,
    );
    const item = this.sql('INSERT INTO quiz_items (result, n, card, note, kind, score, given, expected, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const it of r.items) item.run(id, it.n, it.card, it.note, it.kind, it.score, it.given, it.expected, ` ${it.tags.join(' ')} `);
    return id;
  }

  /** Mean quiz score per note (0..1), for ranking weak topics. */
  noteScores(): Map<string, number> {
    const rows = this.sql('SELECT note, avg(score) AS s FROM quiz_items GROUP BY note').all() as { note: string; s: number }[];
    return new Map(rows.map((r) => [r.note, r.s]));
  }

  recordInterview(r: InterviewRecord): void {
    this.sql('INSERT INTO interview_answers (session, at, card, note, answer, keypoints, covered, rating) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      r.session,
      r.at.getTime(),
      r.card,
      r.note,
      r.answer,
      JSON.stringify(r.keypoints),
      JSON.stringify(r.covered),
      r.rating,
    );
  }

  /** Share of key points covered per note over past interviews (0..1). */
  interviewCoverage(): Map<string, number> {
    const rows = this.sql('SELECT note, covered FROM interview_answers').all() as { note: string; covered: string }[];
    const sums = new Map<string, { hit: number; all: number }>();
    for (const r of rows) {
      const c = JSON.parse(r.covered) as boolean[];
      const s = sums.get(r.note) ?? { hit: 0, all: 0 };
      s.hit += c.filter(Boolean).length;
      s.all += c.length;
      sums.set(r.note, s);
    }
    return new Map([...sums].map(([k, v]) => [k, v.all ? v.hit / v.all : 1]));
  }
}
