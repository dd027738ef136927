import { describe, expect, it } from 'vitest';
import { studyDay, studyDayNumber, UTC, type UtcOffset } from '../../src/core/timing.js';

const china: UtcOffset = () => 480;
// Paris: +60 in winter, +120 from 2026-03-29T01:00Z
const paris: UtcOffset = (at) => (at.getTime() >= Date.parse('2026-03-29T01:00:00Z') && at.getTime() < Date.parse('2026-10-25T01:00:00Z') ? 120 : 60);

describe('study days start at day_starts_at, local time', () => {
  it.each([
    // now (UTC)                 offset  day starts  study date     starts at (UTC)             next day at (UTC)
    ['2026-03-01T08:00:00Z', UTC, 4, '2026-03-01', '2026-03-01T04:00:00.000Z', '2026-03-02T04:00:00.000Z'],
    ['2026-03-01T03:59:59Z', UTC, 4, '2026-02-28', '2026-02-28T04:00:00.000Z', '2026-03-01T04:00:00.000Z'],
    ['2026-03-01T00:30:00Z', china, 4, '2026-03-01', '2026-02-28T20:00:00.000Z', '2026-03-01T20:00:00.000Z'],
    ['2026-02-28T19:30:00Z', china, 4, '2026-02-28', '2026-02-27T20:00:00.000Z', '2026-02-28T20:00:00.000Z'],
    ['2026-03-01T20:00:00Z', china, 4, '2026-03-02', '2026-03-01T20:00:00.000Z', '2026-03-02T20:00:00.000Z'],
    ['2026-03-01T12:00:00Z', UTC, 0, '2026-03-01', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
    ['2026-03-28T12:00:00Z', paris, 4, '2026-03-28', '2026-03-28T03:00:00.000Z', '2026-03-29T02:00:00.000Z'],
  ] as const)('%s (day starts at %i)', (now, offset, dayStartsAt, date, start, next) => {
    const day = studyDay(new Date(now), dayStartsAt, offset);
    expect(day.date).toBe(date);
    expect(day.start.toISOString()).toBe(start);
    expect(day.nextDayAt.toISOString()).toBe(next);
  });

  it('numbers consecutive study days consecutively', () => {
    const a = studyDayNumber(new Date('2026-03-01T05:00:00Z'), 4, UTC);
    expect(studyDayNumber(new Date('2026-03-02T03:00:00Z'), 4, UTC)).toBe(a);
    expect(studyDayNumber(new Date('2026-03-02T04:00:00Z'), 4, UTC)).toBe(a + 1);
  });
});
