/**
 * The journal's line format and the replay of a card's history (SPEC §8, issue 19).
 */
import { describe, expect, it } from 'vitest';
import { defaultDeviceName, formatLine, isDeviceName, journalFile, parseLine, type JournalLine } from '../../src/core/journal.js';
import { applyAnswer, NO_FLAGS, replayCard, type ReplayEvent } from '../../src/core/replay.js';
import { createScheduler, NEW_CARD } from '../../src/core/scheduler.js';

const AT = new Date('2026-03-01T09:00:00Z');
const scheduler = createScheduler({
  desiredRetention: 0.9,
  maximumInterval: 36500,
  enableFuzz: true,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  weights: null,
});
const LEECH = { threshold: 8, action: 'suspend' as const };

describe('journal lines', () => {
  const lines: JournalLine[] = [
    { kind: 'answer', id: 'laptop:1', at: AT, device: 'laptop', card: 'llm/a/b:forward', rating: 'good', durationMs: 1200, source: 'review' },
    { kind: 'answer', id: 'laptop:2', at: AT, device: 'laptop', card: 'd/n:c1', rating: 'again', durationMs: null, source: 'quiz', practice: true },
    { kind: 'action', id: 'laptop:3', at: AT, device: 'laptop', card: 'd/n:c1', action: 'suspend' },
    { kind: 'action', id: 'laptop:4', at: AT, device: 'laptop', card: 'd/n:c1', action: 'bury', until: new Date('2026-03-02T04:00:00Z') },
    { kind: 'action', id: 'laptop:5', at: AT, device: 'laptop', card: 'd/n:c1', action: 'undo', answer: 'laptop:2' },
  ];
  it.each(lines.map((l) => [l.id, l] as const))('%s reads back as it was written', (_id, l) => {
    const text = formatLine(l);
    expect(text.endsWith('\n')).toBe(true);
    expect(parseLine(text.trimEnd())).toEqual({ ok: true, line: l });
  });

  it('writes the fields SPEC §8 names, in order', () => {
    expect(formatLine(lines[0]!)).toBe(
      '{"v":1,"id":"laptop:1","at":"2026-03-01T09:00:00.000Z","device":"laptop","card":"llm/a/b:forward","rating":"good","duration_ms":1200,"source":"review"}\n',
    );
    expect(formatLine(lines[4]!)).toBe(
      '{"v":1,"id":"laptop:5","at":"2026-03-01T09:00:00.000Z","device":"laptop","card":"d/n:c1","action":"undo","answer":"laptop:2"}\n',
    );
  });

  it('writes an answer line exactly as JSON.stringify of its fields would (the hand-built form)', () => {
    // The form formatLine had before it was written out by hand for speed (issue 16's big imports).
    const reference = (l: Extract<JournalLine, { kind: 'answer' }>) => {
      const o: Record<string, unknown> = {
        v: 1,
        id: l.id,
        at: l.at.toISOString(),
        device: l.device,
        card: l.card,
        rating: l.rating,
        duration_ms: l.durationMs,
        source: l.source,
      };
      if (l.practice) o.mode = 'practice';
      const m = l.state;
      if (m)
        o.state = {
          state: m.state,
          due: m.due ? m.due.toISOString() : null,
          stability: m.stability,
          difficulty: m.difficulty,
          scheduled_days: m.scheduledDays,
          learning_steps: m.learningSteps,
          reps: m.reps,
          lapses: m.lapses,
        };
      return `${JSON.stringify(o)}\n`;
    };
    const state = {
      state: 'review' as const,
      due: new Date('2026-04-01T09:00:00.5Z'),
      stability: 12.345678901234567,
      difficulty: 1e-7,
      scheduledDays: 31,
      learningSteps: 0,
      reps: 7,
      lapses: 1,
      lastReview: null,
    };
    const answers: Extract<JournalLine, { kind: 'answer' }>[] = [
      lines[0] as Extract<JournalLine, { kind: 'answer' }>,
      lines[1] as Extract<JournalLine, { kind: 'answer' }>,
      { kind: 'answer', id: 'a"b\\:1', at: AT, device: 'a"b', card: 'd\u00e9/\u0001"\\n:c1', rating: 'easy', durationMs: 0, source: 'import', state },
      {
        kind: 'answer',
        id: 'x:2',
        at: AT,
        device: 'x',
        card: 'd/n:c1',
        rating: 'hard',
        durationMs: Number.NaN,
        source: 'import',
        state: { ...state, state: 'new', due: null, stability: 0, difficulty: -0 },
      },
      {
        kind: 'answer',
        id: 'x:3',
        at: AT,
        device: 'x',
        card: 'd/n:c1',
        rating: 'good',
        durationMs: 5,
        source: 'answer',
        practice: true,
        state: { ...state, stability: 1e21, difficulty: 5.5e-300 },
      },
    ];
    for (const l of answers) expect(formatLine(l)).toBe(reference(l));
  });

  it.each([
    ['not json', 'not JSON'],
    ['[1]', 'not a JSON object'],
    ['{"v":2,"id":"x:1"}', 'written by a newer llmcards (journal version 2; this one reads 1)'],
    ['{"v":1,"id":"x:1","at":"yesterday","device":"x","card":"d/n:forward","rating":"good","source":"review"}', 'bad "at" "yesterday"'],
    ['{"v":1,"id":"x:1","at":"2026-03-01T09:00:00Z","device":"x","card":"d/n:forward","rating":"great","source":"review"}', 'bad "rating" "great"'],
    ['{"v":1,"id":"x:1","at":"2026-03-01T09:00:00Z","device":"x","card":"nope","rating":"good","source":"review"}', 'bad "card" "nope"'],
    ['{"v":1,"id":"x:1","at":"2026-03-01T09:00:00Z","device":"../x","card":"d/n:forward","action":"suspend"}', 'bad "device" "../x"'],
    ['{"v":1,"id":"x:1","at":"2026-03-01T09:00:00Z","device":"x","card":"d/n:forward","action":"undo"}', 'an undo without "answer"'],
    ['{"v":1,"id":"x:1","at":"2026-03-01T09:00:00Z","device":"x","card":"d/n:forward"}', 'neither "rating" nor "action"'],
  ])('refuses %s: %s', (text, message) => {
    expect(parseLine(text)).toMatchObject({ ok: false, message });
  });

  it('names devices and files safely', () => {
    expect(defaultDeviceName('My-Laptop.local', 123456)).toBe('my-laptop-2n9c');
    expect(defaultDeviceName('???', 0)).toBe('device-0000');
    expect(isDeviceName('laptop')).toBe(true);
    expect(isDeviceName('.git')).toBe(false);
    expect(isDeviceName('a/b')).toBe(false);
    expect(journalFile('laptop', AT)).toBe('laptop/2026-03.jsonl');
  });
});

describe('replaying a card', () => {
  const events: ReplayEvent[] = [
    { kind: 'answer', id: 'b:1', at: new Date('2026-03-01T20:00:00Z'), rating: 'hard' },
    { kind: 'answer', id: 'a:1', at: new Date('2026-03-01T09:00:00Z'), rating: 'good' },
    { kind: 'answer', id: 'a:2', at: new Date('2026-03-05T09:00:00Z'), rating: 'good' },
    { kind: 'suspend', id: 'a:3', at: new Date('2026-03-05T09:01:00Z') },
    { kind: 'unsuspend', id: 'b:2', at: new Date('2026-03-05T09:02:00Z') },
  ];

  it('gives the same state as the live answers in time order, whatever order the lines came in', () => {
    let memory = NEW_CARD;
    let flags = NO_FLAGS;
    for (const [rating, at] of [
      ['good', '2026-03-01T09:00:00Z'],
      ['hard', '2026-03-01T20:00:00Z'],
      ['good', '2026-03-05T09:00:00Z'],
    ] as const) {
      const r = applyAnswer(memory, flags, rating, new Date(at), scheduler, LEECH);
      memory = r.next;
      flags = r.flags;
    }
    const forward = replayCard(events, scheduler, LEECH);
    const backward = replayCard([...events].reverse(), scheduler, LEECH);
    expect(forward).toEqual(backward);
    expect(forward.memory).toEqual(memory);
    expect(forward.answers.map((a) => a.id)).toEqual(['a:1', 'b:1', 'a:2']);
    // The later of a suspend and an unsuspend wins.
    expect(forward.flags.suspended).toBe(false);
  });

  it('takes an imported state as given', () => {
    const given = { ...NEW_CARD, state: 'review' as const, due: new Date('2026-04-01T00:00:00Z'), stability: 30, difficulty: 5, scheduledDays: 31, reps: 7 };
    const r = replayCard([{ kind: 'answer', id: 'i:1', at: AT, rating: 'good', given }], scheduler, LEECH);
    expect(r.memory).toEqual({ ...given, lastReview: AT });
  });

  it('suspends a leech at its threshold, as a live answer does', () => {
    const again: ReplayEvent[] = [];
    let t = AT.getTime();
    again.push({ kind: 'answer', id: 'a:0', at: new Date(t), rating: 'good' });
    for (let i = 1; i <= 12; i++) {
      t += 3 * 86_400_000;
      again.push({ kind: 'answer', id: `a:${2 * i}`, at: new Date(t), rating: 'good' });
      t += 3 * 86_400_000;
      again.push({ kind: 'answer', id: `a:${2 * i + 1}`, at: new Date(t), rating: 'again' });
    }
    const r = replayCard(again, scheduler, { threshold: 3, action: 'suspend' });
    expect(r.memory.lapses).toBeGreaterThanOrEqual(3);
    expect(r.flags).toMatchObject({ leech: true, suspended: true });
  });
});
