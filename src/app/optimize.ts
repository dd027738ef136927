/**
 * `optimize` (issue 7): fit the FSRS-6 weights to this collection's review log with the reference
 * optimizer, fsrs-rs, through its Node binding; compare log loss and RMSE of the current and the
 * fitted weights on the same log; keep the fitted ones only when they are better.
 *
 * The binding's umbrella package (@open-spaced-repetition/binding) lists platform packages that do
 * not all exist, so a lockfile holding it breaks `npm ci`. llmcards depends, optionally, on the one
 * platform package directly and loads it here; elsewhere `optimize` says it is not available.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DEFAULT_WEIGHTS } from '../core/scheduler.js';
import { itemCount, trainingItems } from '../core/optimizer-items.js';
import { UserError } from '../errors.js';
import { CONFIG_FILE } from '../settings.js';
import type { CardFilter } from '../store/filter.js';
import type { AppContext } from './context.js';
import { studyDays } from './stats.js';

/** Fewer training items than this give weights no better than the defaults. */
export const MIN_ITEMS = 200;

interface Binding {
  FSRSBinding: new (parameters?: number[]) => { evaluate(items: unknown[]): { logLoss: number; rmseBins: number } };
  FSRSBindingItem: new (reviews: unknown[]) => unknown;
  FSRSBindingReview: new (rating: number, deltaT: number) => unknown;
  computeParameters(
    items: unknown[],
    options?: { enableShortTerm: boolean; numRelearningSteps?: number; progress?: (done: number, total: number) => void },
  ): Promise<number[]>;
}

function platformPackage(): string {
  const arch = process.arch;
  return process.platform === 'linux' ? `@open-spaced-repetition/binding-linux-${arch}-gnu` : `@open-spaced-repetition/binding-${process.platform}-${arch}`;
}

function loadBinding(): Binding {
  const name = platformPackage();
  try {
    return createRequire(import.meta.url)(name) as Binding;
  } catch {
    throw new UserError(`the FSRS optimizer (fsrs-rs) is not installed for this platform: install ${name}, then run optimize again`);
  }
}

export interface Evaluation {
  log_loss: number;
  rmse: number;
}

export interface OptimizeReport {
  reviews: number;
  items: number;
  current: Evaluation;
  fitted: Evaluation;
  weights: number[];
  improved: boolean;
  saved: boolean;
  dry_run: boolean;
}

export async function optimize(
  ctx: AppContext,
  opts: { dryRun: boolean; filter?: CardFilter; progress?: (done: number, total: number) => void },
): Promise<OptimizeReport> {
  const answers = ctx.store.stats.allAnswers(opts.filter);
  const histories = trainingItems(answers, studyDays(ctx));
  const count = itemCount(histories);
  if (count < MIN_ITEMS) {
    throw new UserError(
      `too few reviews to fit FSRS to: ${count} answers after a day or more (at least ${MIN_ITEMS} are needed); keep reviewing and try again`,
    );
  }
  const b = loadBinding();
  // One binding review per answer, shared by the items that include it (the binding copies them).
  const items: unknown[] = [];
  for (const h of histories) {
    const reviews = h.reviews.map((r) => new b.FSRSBindingReview(r.rating, r.deltaT));
    for (const end of h.ends) items.push(new b.FSRSBindingItem(reviews.slice(0, end)));
  }
  const currentWeights = [...(ctx.settings.fsrs.weights ?? DEFAULT_WEIGHTS)];
  const evaluate = (weights: number[]): Evaluation => {
    const e = new b.FSRSBinding(weights).evaluate(items);
    return { log_loss: e.logLoss, rmse: e.rmseBins };
  };
  const current = evaluate(currentWeights);
  let weights: number[];
  try {
    const exact = await b.computeParameters(items, {
      enableShortTerm: true,
      numRelearningSteps: ctx.settings.fsrs.relearning_steps.length,
      ...(opts.progress ? { progress: opts.progress } : {}),
    });
    // Four decimals is the precision FSRS weights are published with; the rounded ones are what is
    // evaluated and saved, so the figures reported are those of the weights in config.yaml.
    weights = exact.map((w) => Math.round(w * 10_000) / 10_000);
  } catch (err) {
    throw new UserError(`the FSRS optimizer could not fit this review log: ${(err as Error).message}`);
  }
  const fitted = evaluate(weights);
  const improved = fitted.log_loss < current.log_loss;
  let saved = false;
  if (improved && !opts.dryRun) {
    const { setSetting, readConfigText } = await import('../settings-file.js');
    const path = join(ctx.home, CONFIG_FILE);
    setSetting(path, readConfigText(path), 'fsrs.weights', JSON.stringify(weights));
    saved = true;
  }
  return { reviews: answers.length, items: count, current, fitted, weights, improved, saved, dry_run: opts.dryRun };
}
