/**
 * The common filters of SPEC §4, as commander options and as a CardFilter.
 */
import type { Command } from 'commander';
import type { CardFilter } from '../../store/filter.js';

export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--deck <prefix>', 'only decks whose name starts with this (repeatable)', collect, [])
    .option('--tag <tag>', 'only cards with this tag (repeatable)', collect, []);
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function filterFrom(opts: { deck?: string[]; tag?: string[] }): CardFilter {
  return { decks: opts.deck ?? [], tags: opts.tag ?? [] };
}

/** `--seed N`: the seed of the new-card order under `new_order: random` (next and review agree with the same one). */
export function addSeedOption(cmd: Command): Command {
  return cmd.option('--seed <n>', "with new_order: random, the seed of the new cards' order (default: the collection's own)");
}
