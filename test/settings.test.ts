import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings, setSetting } from '../src/settings-file.js';
import { DEFAULT_SETTINGS } from '../src/settings.js';

describe('config.yaml (SPEC §6)', () => {
  it('gives the defaults for an empty file, and overrides what it sets', () => {
    expect(parseSettings('', 'config.yaml')).toEqual(DEFAULT_SETTINGS);
    const s = parseSettings('new_per_day: 5\nfsrs: {desired_retention: 0.85, learning_steps: [2m]}\n', 'config.yaml');
    expect(s.new_per_day).toBe(5);
    expect(s.fsrs.desired_retention).toBe(0.85);
    expect(s.fsrs.learning_steps).toEqual(['2m']);
    expect(s.fsrs.relearning_steps).toEqual(['10m']);
  });

  it.each([
    ['new_per_dya: 5\n', 'config.yaml:1:1: unknown setting "new_per_dya" (did you mean "new_per_day"?)'],
    ['new_per_day: -1\n', 'config.yaml:1:1: setting "new_per_day" must be a whole number from 0 to 9999, not -1'],
    ['day_starts_at: 25\n', 'config.yaml:1:1: setting "day_starts_at" must be a whole number from 0 to 23, not 25'],
    ['lang: fr\n', 'config.yaml:1:1: setting "lang" must be one of en, zh, both, not "fr"'],
    ['fsrs:\n  desired_retention: 2\n', 'config.yaml:2:3: setting "fsrs.desired_retention" must be a number from 0.70 to 0.99, not 2'],
    [
      'fsrs:\n  learning_steps: [1x]\n',
      'config.yaml:2:3: setting "fsrs.learning_steps" must be a list of steps such as [1m, 10m] (minutes m, hours h or days d, each at most 30d), not ["1x"]',
    ],
    ['fsrs:\n  weights: [1, 2]\n', 'config.yaml:2:3: setting "fsrs.weights" must be null (the default weights) or a list of 21 numbers (FSRS-6), not [1,2]'],
    [
      'fsrs:\n  bogus: 1\n',
      'config.yaml:2:3: unknown setting "fsrs.bogus" (known settings: new_per_day, reviews_per_day, day_starts_at, lang, leech_threshold, leech_action, backups_keep, new_order, media_command, fsrs.desired_retention, fsrs.maximum_interval, fsrs.enable_fuzz, fsrs.learning_steps, fsrs.relearning_steps, fsrs.weights)',
    ],
    ['- a list\n', 'config.yaml:1:1: config.yaml must be a map of settings such as `new_per_day: 20`'],
    ['new_per_day: [\n', 'config.yaml:2:1: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]'],
  ])('%j', (text, message) => {
    expect(() => parseSettings(text, 'config.yaml')).toThrow(message);
  });

  it('sets a value atomically, keeping comments, and refuses bad ones without writing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'llmcards-config-'));
    const path = join(dir, 'config.yaml');
    const text = '# my settings\nnew_per_day: 10 # a few\n';
    writeFileSync(path, text);
    setSetting(path, text, 'fsrs.learning_steps', '[1m, 10m, 1h]');
    const written = readFileSync(path, 'utf8');
    expect(written).toContain('# my settings');
    expect(written).toContain('new_per_day: 10 # a few');
    expect(parseSettings(written, 'config.yaml').fsrs.learning_steps).toEqual(['1m', '10m', '1h']);
    expect(() => setSetting(path, written, 'new_per_day', 'lots')).toThrow('setting "new_per_day" must be a whole number from 0 to 9999, not "lots"');
    expect(readFileSync(path, 'utf8')).toBe(written);
  });
});
