/**
 * Colours for human output: one chalk instance whose level follows `--no-color`, NO_COLOR and
 * whether stdout is a terminal. Renderers take a Theme, so the same code prints plain text.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export interface Theme {
  c: ChalkInstance;
  enabled: boolean;
}

export function makeTheme(enabled: boolean): Theme {
  return { c: new Chalk({ level: enabled ? 1 : 0 }), enabled };
}

/** Anki's queue colours: new blue, learning red, review green. */
export function queueColors(t: Theme) {
  return { new: t.c.blue, learning: t.c.red, review: t.c.green };
}
