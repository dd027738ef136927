/**
 * Opening a card's images and sounds (`o` in a review): the files its text names as
 * `[image: media/x.png]` or `[sound: media/x.mp3]`, handed to the configured program
 * (`media_command`) or the system's opener, detached so the review goes on meanwhile.
 */
import { spawn } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionCard } from '../app/review-session.js';
import { allVariants } from '../core/text.js';
import { safeMediaName } from '../formats/anki-media.js';
import { ourMediaReferences } from '../formats/html-text.js';

/** The system's opener for a file. */
export function systemOpener(platform: NodeJS.Platform = process.platform): string {
  return platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer' : 'xdg-open';
}

/** Open the media the card shows; returns what was done, for the review to say. */
export function openCardMedia(home: string, command: string | null, card: SessionCard, withBack: boolean): string {
  const text = [...allVariants(card.front), ...(withBack ? [...allVariants(card.back), ...allVariants(card.explanation)] : [])].join('\n');
  const names = ourMediaReferences(text).filter((n) => safeMediaName(n) === n);
  if (names.length === 0) return withBack ? 'this card shows no image or sound' : 'the question shows no image or sound (space shows the answer)';
  const program = command ?? systemOpener();
  const opened: string[] = [];
  for (const name of names) {
    const path = join(home, 'media', name);
    if (!lstatSync(path, { throwIfNoEntry: false })?.isFile()) continue;
    try {
      // No shell: the file name is one argument, whatever it holds.
      const child = spawn(program, [path], { detached: true, stdio: 'ignore' });
      child.on('error', () => {});
      child.unref();
      opened.push(`media/${name}`);
    } catch {
      return `could not start ${program} (set another with: llmcards config set media_command PROGRAM)`;
    }
  }
  if (opened.length === 0) return `${names.map((n) => `media/${n}`).join(', ')}: not in this collection's media folder`;
  return `opening ${opened.join(', ')} with ${program}`;
}
