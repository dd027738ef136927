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
