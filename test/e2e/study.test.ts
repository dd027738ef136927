/**
 * Studying over days through the scripting commands: FSRS conformance over a 60-day study, daily
 * limits and the day boundary, history across edits, and removal and restoration of notes.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { tempHome, writeDeck } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';
import { runJsonHere } from '../support/cli.js';
import { glossaryDeck, questionDeck } from '../support/builders.js';

const DAY = 86_400_000;

/** A small seeded generator (mulberry32) for the learner's answers. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a 60-day scripted study', () => {
  // In process through the argv seam (some 240 commands): the same commands as the binary, without a
  // process each; the other tests here spawn the binary.
  it('stores exactly what ts-fsrs computes for the same answers (fuzz off)', async () => {
    const home = tempHome({
      'small.yaml': `cards:
  - id: token
    term: token
    definition: the unit of text a model reads and writes
  - id: steps
    front: Three steps of RLHF?
    back: SFT, reward model, RL
  - id: gpt1
    cloze: "GPT-1 has {{c1::117 million}} parameters."
`,
    });
    writeFileSync(join(home, 'config.yaml'), 'fsrs: {enable_fuzz: false}\nnew_per_day: 2\n');
    const random = rng(42);
    const pickRating = () => {
      const x = random();
      return x < 0.15 ? 'again' : x < 0.3 ? 'hard' : x < 0.9 ? 'good' : 'easy';
    };
    const answers = new Map<string, { at: Date; rating: string }[]>();
    const start = Date.parse('2026-01-01T09:00:00Z');
    let total = 0;
    for (let day = 0; day < 60; day++) {
      // Study twice a day, morning and evening, so learning steps are answered the same day.
      for (const hour of [0, 9]) {
        let now = start + day * DAY + hour * 3_600_000;
        for (let i = 0; i < 20; i++) {
          const iso = new Date(now).toISOString();
          const next = await runJsonHere(home, ['next', '--now', iso]);
          if (next === null) break;
          const rating = pickRating();
          await runJsonHere(home, ['answer', next.card, rating, '--now', iso]);
          answers.set(next.card, [...(answers.get(next.card) ?? []), { at: new Date(now), rating }]);
          total++;
          now += 11 * 60_000; // the next answer comes 11 minutes later
        }
      }
    }
    expect(total).toBeGreaterThan(30);
    expect(answers.size).toBe(4);

    const f = fsrs(generatorParameters({ enable_fuzz: false, learning_steps: ['1m', '10m'], relearning_steps: ['10m'] }));
    const RATING = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const;
    for (const [card, seq] of answers) {
      let c: Card = createEmptyCard(seq[0]!.at);
      const history = [];
      for (const a of seq) {
        c = f.next(c, a.at, RATING[a.rating as keyof typeof RATING]).card;
        history.push({
          at: a.at.toISOString(),
          rating: a.rating,
          state: ['new', 'learning', 'review', 'relearning'][c.state],
          scheduled_days: c.scheduled_days,
          stability: c.stability,
          difficulty: c.difficulty,
        });
      }
      const shown = await runJsonHere(home, ['show', card, '--now', '2026-03-15T00:00:00Z']);
      expect(
        shown.history.map(({ at, rating, state, scheduled_days, stability, difficulty }: Record<string, unknown>) => ({
          at,
          rating,
          state,
          scheduled_days,
          stability,
          difficulty,
        })),
      ).toEqual(history);
      expect({ stability: shown.stability, difficulty: shown.difficulty, due: shown.due, reps: shown.reps, lapses: shown.lapses }).toEqual({
        stability: c.stability,
        difficulty: c.difficulty,
        due: c.due.toISOString(),
        reps: c.reps,
        lapses: c.lapses,
      });
    }
  }, 300_000);
});

describe('daily limits and the day boundary', () => {
  it('lets through new_per_day new cards a study day, counting from 4am local time', () => {
    const home = tempHome({ 'q.yaml': questionDeck(10) });
    writeFileSync(join(home, 'config.yaml'), 'new_per_day: 3\nday_starts_at: 4\n');
    const env = { TZ: 'Asia/Shanghai' };
    // 22:00 local on March 1st is 14:00 UTC.
    const at = (iso: string) => ['--now', iso];
    expect(runJson(home, ['due', ...at('2026-03-01T14:00:00Z')], { env }).new).toBe(3);
    for (const card of ['q1', 'q2', 'q3']) runJson(home, ['answer', `q/${card}:forward`, 'easy', ...at('2026-03-01T14:00:00Z')], { env });
    expect(runJson(home, ['due', ...at('2026-03-01T14:00:00Z')], { env }).new).toBe(0);
    expect(runJson(home, ['next', ...at('2026-03-01T14:00:00Z')], { env })).toBeNull();
    // Past midnight (00:30 local) is still March 1st's study day...
    expect(runJson(home, ['due', ...at('2026-03-01T16:30:00Z')], { env }).new).toBe(0);
    // ... until 4am local (20:00 UTC).
    expect(runJson(home, ['due', ...at('2026-03-01T19:59:59Z')], { env }).new).toBe(0);
    expect(runJson(home, ['due', ...at('2026-03-01T20:00:00Z')], { env }).new).toBe(3);
  });

  it('applies per-deck limits from the deck file, under the collection limit', () => {
    const home = tempHome({ 'a.yaml': `options: {new_per_day: 1}\n${questionDeck(5, 'a')}`, 'b.yaml': questionDeck(5, 'b') });
    writeFileSync(join(home, 'config.yaml'), 'new_per_day: 4\n');
    const due = runJson(home, ['due', '--now', '2026-03-01T10:00:00Z']);
    expect(due.decks).toEqual([
      { deck: 'a', new: 1, learning: 0, review: 0 },
      { deck: 'b', new: 4, learning: 0, review: 0 },
    ]);
    expect(due.new).toBe(4);
  });

  it('counts reviews against reviews_per_day and shows the most overdue first', () => {
    const home = tempHome({ 'q.yaml': questionDeck(4) });
    writeFileSync(join(home, 'config.yaml'), 'reviews_per_day: 2\nfsrs: {enable_fuzz: false}\n');
    // Make all four review cards, due on different days.
    ['q1', 'q2', 'q3', 'q4'].forEach((id, i) => runJson(home, ['answer', `q/${id}:forward`, 'easy', '--now', `2026-03-0${i + 1}T10:00:00Z`]));
    const due = runJson(home, ['due', '--now', '2026-06-01T10:00:00Z']);
    expect({ new: due.new, review: due.review }).toEqual({ new: 0, review: 2 });
    expect(runJson(home, ['next', '--now', '2026-06-01T10:00:00Z']).card).toBe('q/q1:forward');
  });

  it("keeps a note's other cards until tomorrow once one was answered (siblings)", () => {
    const home = tempHome({ 'g.yaml': glossaryDeck(1) });
    runJson(home, ['answer', 'n1:forward', 'easy', '--now', '2026-03-01T10:00:00Z']);
    expect(runJson(home, ['due', '--now', '2026-03-01T11:00:00Z']).new).toBe(0);
    expect(runJson(home, ['due', '--now', '2026-03-02T05:00:00Z']).new).toBe(1);
  });

  it('shows due learning cards first', () => {
    const home = tempHome({ 'q.yaml': questionDeck(3) });
    runJson(home, ['answer', 'q3:forward', 'again', '--now', '2026-03-01T10:00:00Z']);
    expect(runJson(home, ['next', '--now', '2026-03-01T10:02:00Z'])).toMatchObject({ card: 'q/q3:forward', queue: 'learning' });
  });
});

describe('history follows the note key', () => {
  const deck = (definition: string, extra = '') =>
    `cards:\n  - id: a\n    term: A\n    definition: ${definition}\n${extra}  - id: b\n    term: B\n    definition: bee\n`;

  it('keeps history when the text is edited', () => {
    const home = tempHome({ 'd.yaml': deck('first text') });
    runJson(home, ['answer', 'a:forward', 'good', '--now', '2026-03-01T10:00:00Z']);
    writeDeck(home, 'd.yaml', deck('second, better text'));
    expect(runJson(home, ['sync', '--now', '2026-03-01T11:00:00Z'])).toMatchObject({ added: 0, updated: 2, removed: 0, unchanged: 2 });
    const shown = runJson(home, ['show', 'a:forward', '--now', '2026-03-01T11:00:00Z']);
    expect(shown).toMatchObject({ back: 'second, better text', reps: 1, edited: true });
    expect(shown.history).toHaveLength(1);
  });

  it("keeps a removed note's history out of the queues, and restores it when the note comes back", () => {
    const home = tempHome({ 'd.yaml': deck('x') });
    runJson(home, ['answer', 'a:forward', 'good', '--now', '2026-03-01T10:00:00Z']);
    writeDeck(home, 'd.yaml', 'cards:\n  - id: b\n    term: B\n    definition: bee\n');
    expect(runJson(home, ['sync', '--now', '2026-03-01T11:00:00Z'])).toMatchObject({ added: 0, updated: 0, removed: 2, unchanged: 2 });
    expect(runJson(home, ['search', '', '--now', '2026-03-01T11:00:00Z']).cards.map((c: { card: string }) => c.card)).toEqual(['d/b:forward', 'd/b:reverse']);
    expect(runBin(home, ['answer', 'd/a:forward', 'good', '--now', '2026-03-01T11:00:00Z']).stderr).toBe(
      'llmcards: card d/a:forward is no longer in any deck file; put its note back to study it\n',
    );
    const stillThere = runJson(home, ['show', 'd/a:forward', '--now', '2026-03-01T11:00:00Z']);
    expect(stillThere).toMatchObject({ present: false, reps: 1 });

    writeDeck(home, 'd.yaml', deck('x'));
    expect(runJson(home, ['sync', '--now', '2026-03-01T12:00:00Z'])).toMatchObject({ added: 2, removed: 0 });
    expect(runJson(home, ['show', 'a:forward', '--now', '2026-03-01T12:00:00Z'])).toMatchObject({ present: true, reps: 1, state: 'learning' });
  });

  it('drops a card its note no longer makes (reverse: false), keeping the others', () => {
    const home = tempHome({ 'd.yaml': deck('x') });
    runJson(home, ['sync']);
    writeDeck(home, 'd.yaml', deck('x', '    reverse: false\n'));
    expect(runJson(home, ['sync'])).toMatchObject({ removed: 1 });
  });

  it('keeps the cards of a deck file that became invalid, with their state', () => {
    const home = tempHome({ 'd.yaml': deck('x') });
    runJson(home, ['answer', 'a:forward', 'good', '--now', '2026-03-01T10:00:00Z']);
    writeDeck(home, 'd.yaml', 'cards:\n  - id: a\n    term: [broken\n');
    const r = runBin(home, ['due', '--json', '--now', '2026-03-01T10:30:00Z']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^llmcards: warning: decks\/d\.yaml:\d+:\d+: invalid YAML: .*; the file was skipped \(see llmcards lint\)\n$/);
    expect(JSON.parse(r.stdout)).toMatchObject({ learning: 1, new: 2 });
  });
});

describe('a large sync', () => {
  /** 16 files of 1,000 glossary notes: over the 2 MB that sends a sync to the reader threads. */
  const bigDecks = (definition = 'A definition long enough to make this deck file weigh what a real one does') => {
    const decks: Record<string, string> = {};
    for (let d = 0; d < 16; d++) {
      let text = 'cards:\n';
      for (let n = 0; n < 1000; n++) text += `  - id: n${n}\n    term: "Term ${d}-${n}"\n    definition: "${definition}, number ${n}."\n`;
      decks[`big-${d}.yaml`] = text;
    }
    expect(Object.values(decks).reduce((n, t) => n + t.length, 0)).toBeGreaterThan(2 * 1024 * 1024); // the large-sync path
    return decks;
  };
  const now = '2026-03-01T10:00:00Z';

  // 0 reads every file on the main thread; 1 and 2 share them with reader threads, whose results
  // must still be written in the files' order.
  it.each(['0', '1', '2'])('reads many files with %s reader threads and rebuilds the indexes, with the same result as a small sync', (readers) => {
    const decks = bigDecks();
    decks['big-9.yaml'] = 'cards:\n  - id: broken\n    term: [unclosed\n'; // one invalid file among them
    const home = tempHome(decks);
    const env = { LLMCARDS_SYNC_READERS: readers };
    const report = runJson(home, ['sync', '--now', now], { env });
    expect(report).toMatchObject({ decks: 15, added: 30000, updated: 0, removed: 0, unchanged: 0 });
    expect(report.errors).toEqual([expect.objectContaining({ file: 'decks/big-9.yaml', message: expect.stringMatching(/^invalid YAML: flow sequence/) })]);
    // (--quiet: every later command would warn again about the invalid file.)
    const at = (time: string) => ['--now', time, '--quiet'];
    expect(runJson(home, ['due', ...at(now)])).toMatchObject({ new: 20, learning: 0, review: 0 });
    expect(runJson(home, ['show', 'big-7/n999:reverse', ...at(now)])).toMatchObject({ back: 'Term 7-999', state: 'new', file: 'decks/big-7.yaml' });
    // New cards come in file order, then note order (the order the files were written in).
    expect(runJson(home, ['next', ...at(now)])).toMatchObject({ card: 'big-0/n0:forward' });
    expect(runJson(home, ['answer', 'big-3/n5:forward', 'good', ...at(now)]).state).toBe('learning');
    expect(runJson(home, ['next', ...at('2026-03-01T10:20:00Z')])).toMatchObject({ card: 'big-3/n5:forward', queue: 'learning' });
    expect(runJson(home, ['decks', ...at(now)]).decks).toHaveLength(15);
  });

  it('edits every file of a large collection at once, keeping the history of the cards that stay', () => {
    const home = tempHome(bigDecks());
    runJson(home, ['sync', '--now', now]);
    runJson(home, ['answer', 'big-3/n5:forward', 'good', '--now', now]);
    runJson(home, ['answer', 'big-3/n7:forward', 'good', '--now', now]);
    // Every definition edited, and one note dropped from each file: a large sync of a collection
    // that is not empty, loaded in batches of files (each its own transaction).
    const edited = bigDecks('An edited definition, long enough to keep this deck file over the large-sync size');
    for (const [file, text] of Object.entries(edited)) writeFileSync(join(home, 'decks', file), text.replace(/ {2}- id: n7\n.*\n.*\n/, ''));
    const report = runJson(home, ['sync', '--now', '2026-03-01T10:05:00Z']);
    expect(report).toMatchObject({ decks: 16, added: 0, updated: 31968, removed: 32, errors: [] });
    expect(runJson(home, ['show', 'big-3/n5:forward', '--now', '2026-03-01T10:20:00Z'])).toMatchObject({ state: 'learning', reps: 1, edited: true });
    // n7 left its file: it keeps its history but leaves the queues, so n5 is the only card in learning.
    expect(runJson(home, ['show', 'big-3/n7:forward', '--now', '2026-03-01T10:20:00Z'])).toMatchObject({ state: 'learning', reps: 1 });
    expect(runJson(home, ['due', '--now', '2026-03-01T10:20:00Z'])).toMatchObject({ learning: 1 });
    expect(runJson(home, ['next', '--now', '2026-03-01T10:20:00Z'])).toMatchObject({ card: 'big-3/n5:forward', queue: 'learning' });
    // The mark that makes other commands leave the files to this sync is gone with it.
    expect(existsSync(join(home, 'data', 'import.lock'))).toBe(false);
  });

  it('while another process syncs a large change, a command leaves the files to it and says so', () => {
    const home = tempHome({ 'a.yaml': questionDeck(1) });
    runJson(home, ['sync', '--now', now]);
    writeFileSync(join(home, 'decks', 'b.yaml'), questionDeck(2));
    // This test's own process stands for the syncing one: alive, and not the command's (which runs
    // as a child process for that).
    writeFileSync(join(home, 'data', 'import.lock'), `${process.pid} sync`);
    const r = runBin(home, ['sync', '--json', '--now', now], { spawn: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('llmcards: warning: a sync of many deck files is running in another process; they are synced when it is done\n');
    expect(JSON.parse(r.stdout)).toMatchObject({ decks: 1, added: 0 });
    const answered = runBin(home, ['answer', 'q1:forward', 'good', '--json', '--now', now], { spawn: true });
    expect(answered.code, answered.stderr).toBe(0);
    rmSync(join(home, 'data', 'import.lock'));
    expect(runJson(home, ['sync', '--now', now])).toMatchObject({ decks: 2 });
  });
});

describe('leeches', () => {
  it('suspends a card forgotten leech_threshold times, naming its deck file and line', () => {
    const home = tempHome({ 'q.yaml': questionDeck(2) });
    writeFileSync(join(home, 'config.yaml'), 'leech_threshold: 3\n');
    let t = Date.parse('2026-03-01T10:00:00Z');
    const at = () => new Date((t += 86_400_000)).toISOString();
    // Learn the card, then forget it three times (a lapse is an Again on a card in review).
    runJson(home, ['answer', 'q2:forward', 'easy', '--now', at()]);
    let last;
    for (let lapse = 1; lapse <= 3; lapse++) {
      const r = runBin(home, ['answer', 'q2:forward', 'again', '--json', '--now', at()]);
      expect(r.code).toBe(0);
      last = r;
      if (lapse < 3) runJson(home, ['answer', 'q2:forward', 'easy', '--now', at()]);
    }
    expect(JSON.parse(last!.stdout)).toMatchObject({ lapses: 3, leech: true, suspended: true });
    expect(last!.stderr).toBe('llmcards: q/q2:forward is a leech: forgotten 3 times, now suspended; consider rewriting it (decks/q.yaml:5)\n');
    expect(runJson(home, ['show', 'q2:forward', '--now', at()])).toMatchObject({ suspended: true, leech: true, tags: ['leech'] });
  });

  it('only tags it with leech_action: tag', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    writeFileSync(join(home, 'config.yaml'), 'leech_threshold: 1\nleech_action: tag\n');
    runJson(home, ['answer', 'q1:forward', 'easy', '--now', '2026-03-01T10:00:00Z']);
    const r = runBin(home, ['answer', 'q1:forward', 'again', '--json', '--now', '2026-03-20T10:00:00Z']);
    expect(JSON.parse(r.stdout)).toMatchObject({ leech: true });
    expect(JSON.parse(r.stdout).suspended).toBeUndefined();
    expect(runJson(home, ['show', 'q1:forward', '--now', '2026-03-20T10:00:00Z'])).toMatchObject({ suspended: false, leech: true });
  });
});
