/**
 * Opening a card's images and sounds (`o` in a review) with the configured program
 * (`media_command`) or the system's opener, detached so the review goes on meanwhile.
 */
import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import type { CardMedia } from '../app/import/media.js';

/** The system's opener for a file. */
export function systemOpener(platform: NodeJS.Platform = process.platform): string {
  return platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer' : 'xdg-open';
}

/** Open the media found for a card; returns what was done, for the review to say. */
export function openMedia(home: string, command: string | null, media: CardMedia, withBack: boolean): string {
  if (media.named.length === 0) return withBack ? 'this card shows no image or sound' : 'the question shows no image or sound (space shows the answer)';
  if (media.paths.length === 0) return `${media.named.join(', ')}: not in this collection's media folder`;
  const program = command ?? systemOpener();
  for (const path of media.paths) {
    try {
      // No shell: the file name is one argument, whatever it holds.
      const child = spawn(program, [path], { detached: true, stdio: 'ignore' });
      child.on('error', () => {});
      child.unref();
    } catch {
      return `could not start ${program} (set another with: llmcards config set media_command PROGRAM)`;
    }
  }
  return `opening ${media.paths.map((p) => relative(home, p)).join(', ')} with ${program}`;
}
