/**
 * `due --short`: one line such as "12 due · 3 new" for a shell prompt, empty when nothing is due.
 * Its own file: a prompt runs it at every command, so it loads neither colours nor the layout code.
 */
import type { DueReport } from '../../app/due.js';

export function renderDueShort(r: DueReport): string {
  const reviews = r.learning + r.review;
  return [reviews > 0 ? `${reviews} due` : '', r.new > 0 ? `${r.new} new` : ''].filter(Boolean).join(' · ');
}
