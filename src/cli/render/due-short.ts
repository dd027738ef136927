/**
 * `due --short`: one line such as "12 due · 3 new" for a shell prompt, empty when nothing is due.
 * Its own file: a prompt runs it at every command, so it loads neither colours nor the layout code.
 */
import type { DueReport } from '../../app/due.js';

/** `marker` (such as "!1": deck files skipped as invalid) ends the line, and is shown alone when nothing is due. */
export function renderDueShort(r: DueReport, marker = ''): string {
  const reviews = r.learning + r.review;
  const counts = [reviews > 0 ? `${reviews} due` : '', r.new > 0 ? `${r.new} new` : ''].filter(Boolean).join(' · ');
  return [counts, marker].filter(Boolean).join(' ');
}
