import type { Command } from 'commander';
import { parseRating } from '../../core/states.js';
import type { CliDeps } from '../globals.js';
import { parseCount } from '../globals.js';
import { withCollection } from '../command-context.js';

export function registerAnswer(program: Command, deps: CliDeps): void {
  program
    .command('answer')
    .argument('<card>', 'card key, note key, or a unique suffix such as rlhf:forward')
    .argument('<rating>', 'again|hard|good|easy or 1..4')
    .description('record a review of any card, due or not')
    .option('--duration <ms>', 'time taken to answer, in milliseconds')
    .addHelpText('after', '\nExamples:\n  llmcards answer llm/training/rlhf:forward good\n  llmcards answer rlhf:reverse 1 --duration 5200 --json')
    .action(async (card: string, ratingText: string, opts: { duration?: string }, cmd: Command) => {
      // Usage errors first, before anything is opened.
      const rating = parseRating(ratingText);
      const durationMs = opts.duration === undefined ? undefined : parseCount(opts.duration, '--duration');
      await withCollection(deps, cmd, async (run) => {
        const { answerCard } = await import('../../app/answer.js');
        const result = answerCard(run.ctx, card, rating, durationMs === undefined ? { origin: 'answer' } : { durationMs, origin: 'answer' });
        await run.emit(result, async (r, t) => (await import('../render/card.js')).renderAnswer(r, t, run.ctx.now));
      });
    });
}
