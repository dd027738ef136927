/**
 * The settings of `<home>/config.yaml` (SPEC §6): their types, defaults and checks. Reading and
 * writing the file is settings-file.ts, loaded only when the file changed (it needs the YAML parser).
 */
import { UserError } from './errors.js';

export interface FsrsSettings {
  desired_retention: number;
  maximum_interval: number;
  enable_fuzz: boolean;
  learning_steps: string[];
  relearning_steps: string[];
  weights: number[] | null;
}

export interface Settings {
  new_per_day: number;
  reviews_per_day: number;
  day_starts_at: number;
  lang: 'en' | 'zh' | 'both';
  leech_threshold: number;
  leech_action: 'suspend' | 'tag';
  backups_keep: number;
  /** the order new cards come in: decks by their `order:` (then name) and each deck's notes in file order; when they were added; or shuffled by the seed */
  new_order: 'deck' | 'added' | 'random';
  /** the program that opens a card's image or sound (given the file's path); null: the system's opener */
  media_command: string | null;
  fsrs: FsrsSettings;
}

export const DEFAULT_SETTINGS: Settings = {
  new_per_day: 20,
  reviews_per_day: 200,
  day_starts_at: 4,
  lang: 'both',
  leech_threshold: 8,
  leech_action: 'suspend',
  backups_keep: 30,
  new_order: 'deck',
  media_command: null,
  fsrs: {
    desired_retention: 0.9,
    maximum_interval: 36500,
    enable_fuzz: true,
    learning_steps: ['1m', '10m'],
    relearning_steps: ['10m'],
    weights: null,
  },
};

export const CONFIG_FILE = 'config.yaml';

/**
 * The range of each FSRS-6 weight, w0 … w20: ts-fsrs's CLAMP_PARAMETERS with short-term scheduling on
 * (as llmcards schedules), and the w17/w18 ceiling of 2. (Copied, so that reading settings does not load the scheduler.)
 */
export const WEIGHT_RANGES: readonly (readonly [number, number])[] = [
  [0.001, 100],
  [0.001, 100],
  [0.001, 100],
  [0.001, 100],
  [1, 10],
  [0.001, 4],
  [0.001, 4],
  [0.001, 0.75],
  [0, 4.5],
  [0, 0.8],
  [0.001, 3.5],
  [0.001, 5],
  [0.001, 0.25],
  [0.001, 0.9],
  [0, 4],
  [0, 1],
  [1, 6],
  [0, 2],
  [0, 2],
  [0.01, 0.8],
  [0.1, 0.8],
];

/** Number of FSRS-6 weights. */
const WEIGHT_COUNT = 21;

type Check = (v: unknown) => string | null;

const integer =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `must be a whole number from ${min} to ${max}`;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`;
const STEP = /^\d+(\.\d+)?[mhd]$/;
const MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440 };
/** A learning step longer than this is no learning step (and overflows the scheduler's dates). */
const MAX_STEP_MINUTES = 30 * 1440;
const steps: Check = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && STEP.test(s) && parseFloat(s) > 0 && parseFloat(s) * MINUTES[s.slice(-1)]! <= MAX_STEP_MINUTES)
    ? null
    : 'must be a list of steps such as [1m, 10m] (minutes m, hours h or days d, each at most 30d)';

/** Every setting, by dotted key, with its check. */
export const SETTING_CHECKS: Record<string, Check> = {
  new_per_day: integer(0, 9999),
  reviews_per_day: integer(0, 99999),
  day_starts_at: integer(0, 23),
  lang: oneOf('en', 'zh', 'both'),
  leech_threshold: integer(1, 999),
  leech_action: oneOf('suspend', 'tag'),
  backups_keep: integer(0, 9999),
  new_order: oneOf('deck', 'added', 'random'),
  media_command: (v) =>
    v === null || (typeof v === 'string' && v.trim() !== '' && !/[\u0000-\u001f]/.test(v))
      ? null
      : "must be a program name (such as mpv or feh), or null for the system's opener",
  'fsrs.desired_retention': (v) => (typeof v === 'number' && v >= 0.7 && v <= 0.99 ? null : 'must be a number from 0.70 to 0.99'),
  'fsrs.maximum_interval': integer(1, 36500),
  'fsrs.enable_fuzz': (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  'fsrs.learning_steps': steps,
  'fsrs.relearning_steps': steps,
  'fsrs.weights': (v) => {
    if (v === null) return null;
    const what = `must be null (the default weights) or a list of ${WEIGHT_COUNT} numbers (FSRS-6)`;
    if (!Array.isArray(v) || v.length !== WEIGHT_COUNT) return what;
    for (let i = 0; i < WEIGHT_COUNT; i++) {
      const x = v[i] as unknown;
      const [min, max] = WEIGHT_RANGES[i] as [number, number];
      if (typeof x !== 'number' || !Number.isFinite(x)) return `${what}; w${i} is ${JSON.stringify(x) ?? String(x)}`;
      // Outside these ranges the scheduler would quietly clamp them: weights that say one thing and do another.
      if (x < min || x > max) return `${what}, each in the range FSRS-6 accepts; w${i} is ${x}, outside ${min} to ${max}`;
    }
    return null;
  },
};

export const SETTING_KEYS = Object.keys(SETTING_CHECKS);

/** The check of a setting, or undefined: own keys only (`constructor` or `__proto__` are no settings). */
export function settingCheck(key: string): Check | undefined {
  return Object.hasOwn(SETTING_CHECKS, key) ? SETTING_CHECKS[key] : undefined;
}

/** The value of a dotted key (`fsrs.desired_retention`); throws UserError for an unknown key. */
export function getSetting(settings: Settings, key: string): unknown {
  if (!settingCheck(key) && key !== 'fsrs') throw new UserError(`unknown setting "${key}"`);
  return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], settings);
}
