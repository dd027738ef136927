/**
 * `export --format md`: a study guide per deck, to print or to read on a phone. Each deck is a
 * top-level section with its description and a table of contents; its notes are grouped by their
 * first own tag (in the order the tags first appear), each note written as a short block: the term
 * and its definition, the question and its answer, or the cloze sentence with its answers in bold;
 * then key points, accepted answers, the explanation and the source. Both languages unless `--lang`
 * asks for one.
 */
import { parseCloze } from '../../core/cloze.js';
import type { Note } from '../../core/notes.js';
import { languagesOf, type Lang, type Localized } from '../../core/text.js';
import type { ExportDeck } from './gather.js';

/** Markdown's special characters escaped, so that text is shown as written. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|~])/g, '\\$1')
    .replace(/^(\s*)([#+-]|\d+\.)(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*)>/gm, '$1\\>');
}

/** A text's lines for `lang`: each language as its own paragraph line, escaped. */
function variants(text: Localized | undefined, lang: Lang, transform: (s: string) => string = escapeMarkdown): string[] {
  if (text === undefined) return [];
  if (typeof text === 'string') return [transform(text)];
  const langs = languagesOf(text);
  const chosen = lang === 'both' ? langs : langs.includes(lang) ? [lang] : langs.slice(0, 1);
  return chosen.map((l) => transform(text[l] as string));
}

/** Multi-line text as Markdown lines: hard line breaks inside a paragraph. */
const lines = (s: string) => s.replace(/\n/g, '  \n');

const cloze = (s: string) =>
  parseCloze(s)
    .segments.map((seg) => (typeof seg === 'string' ? escapeMarkdown(seg) : `**${escapeMarkdown(seg.answer)}**`))
    .join('');

function noteBlock(note: Note, lang: Lang): string {
  const out: string[] = [];
  switch (note.kind) {
    case 'glossary':
      out.push(`### ${variants(note.term, lang).join(' · ')}`, '', ...variants(note.definition, lang).map((s) => `${lines(s)}\n`));
      break;
    case 'question':
      out.push(
        `### ${variants(note.front, lang)
          .map((s) => s.replace(/\n/g, ' '))
          .join(' · ')}`,
        '',
        ...variants(note.back, lang).map((s) => `${lines(s)}\n`),
      );
      break;
    case 'cloze':
      out.push(...variants(note.cloze, lang, cloze).map((s) => `- ${lines(s).replace(/\n/g, '\n  ')}`), '');
      break;
  }
  if (note.keypoints.length > 0) {
    out.push('Key points:', '', ...note.keypoints.map((k) => `- ${variants(k, lang).map(lines).join(' / ')}`), '');
  }
  const aliases = note.answers.filter((a) => !variantsOfMain(note).includes(a));
  if (aliases.length > 0) out.push(`*Also:* ${aliases.map(escapeMarkdown).join(', ')}`, '');
  if (note.explanation !== undefined) out.push(...variants(note.explanation, lang).map((s) => `> ${lines(s).replace(/\n/g, '\n> ')}`), '');
  if (note.source) out.push(`<sub>Source: ${escapeMarkdown(note.source)}</sub>`, '');
  return out.join('\n');
}

function variantsOfMain(note: Note): string[] {
  const t = note.kind === 'glossary' ? note.term : note.kind === 'question' ? note.back : note.cloze;
  return typeof t === 'string' ? [t] : Object.values(t);
}

/** GitHub's heading anchors: lower-case, spaces to `-`, punctuation dropped. */
function anchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/\\/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** The study guide for the decks, in the chosen language(s). */
export function exportMarkdown(decks: readonly ExportDeck[], lang: Lang, progress: (done: number) => void = () => {}): string {
  const parts: string[] = [];
  let done = 0;
  for (const d of decks) {
    const title = d.deck.title ? variants(d.deck.title, lang).join(' · ') : escapeMarkdown(d.deck.name);
    parts.push(`# ${title}`, '');
    if (d.deck.description) parts.push(...variants(d.deck.description, lang).map((s) => `${lines(s)}\n`));
    const cards = d.notes.reduce((n, x) => n + x.cards.length, 0);
    parts.push(
      `*Deck \`${d.deck.name}\` · ${d.notes.length} note${d.notes.length === 1 ? '' : 's'}, ${cards} card${cards === 1 ? '' : 's'}${d.deck.tags.length ? ` · tags: ${d.deck.tags.map(escapeMarkdown).join(', ')}` : ''}*`,
      '',
    );

    const groups = new Map<string, Note[]>();
    for (const n of d.notes) {
      const tag = n.note.tags.find((t) => !d.deck.tags.includes(t)) ?? '';
      groups.set(tag, [...(groups.get(tag) ?? []), n.note]);
    }
    const named = [...groups.keys()].filter(Boolean);
    const heading = (tag: string) => (tag ? escapeMarkdown(tag) : named.length > 0 ? 'Other' : 'Notes');
    if (groups.size > 1) {
      parts.push(...[...groups].map(([tag, notes]) => `- [${heading(tag)}](#${anchor(heading(tag))}) (${notes.length})`), '');
    }
    for (const [tag, notes] of groups) {
      parts.push(`## ${heading(tag)}`, '');
      for (const note of notes) {
        parts.push(noteBlock(note, lang));
        progress(++done);
      }
    }
  }
  return `${parts
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
