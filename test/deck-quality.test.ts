/**
 * The deck quality gates (test/support/deck-quality.ts) catch what they are meant to: each gate is
 * shown one bad note from the audit's classes and the fixed version of it.
 */
import { describe, expect, it } from 'vitest';
import { parseDeckText } from '../src/deckfile/parse-text.js';
import {
  ambiguousReverses,
  clozeGiveaways,
  distractorProblems,
  glossedGaps,
  halfWidthPunctuation,
  keyedNotes,
  keypointProblems,
  terminologyProblems,
  terminologyTable,
} from './support/deck-quality.js';

function notesOf(cards: string) {
  const deck = parseDeckText(`cards:\n${cards}`, 'q.yaml', 'q.yaml', true).deck!;
  return { notes: keyedNotes([deck]), decks: [deck] };
}

describe('deck quality gates', () => {
  it('see a cloze answer shown elsewhere on its card, also as a gloss in the other language', () => {
    const bad = notesOf(
      `  - id: m\n    cloze: {en: "Four methods: {{c1::speculative decoding}} and more.", zh: "四种方法：{{c1::推测解码}}（Speculative Decoding）等。"}\n`,
    );
    expect(clozeGiveaways(bad.notes)).toEqual(['q/m:c1: the card shows its answer "speculative decoding"']);
    const plural = notesOf(`  - id: r\n    cloze: {en: "Split into {{c1::chunk}}s, then retrieve the best chunks.", zh: "切分成{{c1::文本块}}。"}\n`);
    expect(clozeGiveaways(plural.notes)).toHaveLength(1);
    const good = notesOf(`  - id: m\n    cloze: {en: "Four methods: {{c1::speculative decoding}} and more.", zh: "四种方法：{{c1::推测解码}}等。"}\n`);
    expect(clozeGiveaways(good.notes)).toEqual([]);
  });

  it('see a gloss inside a gap', () => {
    const { notes } = notesOf(`  - id: a\n    cloze: {en: "each {{c1::query}} vector", zh: "每个{{c1::查询（query）}}向量"}\n`);
    expect(glossedGaps(notes)).toEqual(['q/a:c1: gloss inside the gap "查询（query）"']);
  });

  it('want 3 distractors per gap that are not aliases and look like the answer', () => {
    const { notes } = notesOf(
      [
        '  - id: g',
        '    term: {en: retrieval-augmented generation, zh: 检索增强生成}',
        '    definition: {en: "Looking passages up and adding them to the input.", zh: "检索段落并加入输入。"}',
        '    answers: [RAG]',
        '    distractors: [{en: RAG, zh: RAG}, {en: fine-tuning (FT), zh: 微调}]',
        '  - id: c',
        '    cloze: {en: "GPT-2 has {{c1::1.5 billion}} parameters.", zh: "GPT-2 有 {{c1::15 亿}}个参数。"}',
        '    distractors:',
        '      c1: [{en: 15 billion, zh: 150 亿}, {en: many, zh: 很多}, {en: "175 billion", zh: 1750 亿}]',
        '',
      ].join('\n'),
    );
    const problems = distractorProblems(notes);
    expect(problems).toContain('q/g: 2 distractors, need 3');
    expect(problems).toContain('q/g: distractor "RAG" is the answer or an alias of it');
    expect(problems).toContain('q/g: distractor "fine-tuning (FT)" and answer "retrieval-augmented generation" differ in brackets');
    // "15 billion" folds to the same string as "1.5 billion": the quiz would drop it.
    expect(problems).toContain('q/c:c1: distractor "15 billion" is the answer or an alias of it');
    expect(problems).toContain('q/c:c1: distractor "many" is not a number like the answer "1.5 billion"');
  });

  it('want 3 key points or none', () => {
    const { notes } = notesOf(
      `  - id: k\n    front: {en: "Why?", zh: "为什么？"}\n    back: {en: "Because.", zh: "因为。"}\n    keypoints: [{en: one, zh: 一}, {en: two, zh: 二}]\n`,
    );
    expect(keypointProblems(notes)).toEqual(['q/k: 2 keypoints, need 3']);
  });

  it('see two definitions built from the same distinctive words, unless one accepts the other term', () => {
    const pair = (answers: string) =>
      notesOf(
        [
          '  - id: a',
          '    term: {en: greedy search, zh: 贪心搜索}',
          '    definition: {en: "Decoding that always picks the single highest-probability token at each step.", zh: "每步选概率最高的词元。"}',
          `    answers: [${answers}]`,
          '  - id: b',
          '    term: {en: greedy decoding, zh: 贪心解码}',
          '    definition: {en: "Decoding that picks the single highest-probability token at every step.", zh: "每一步都选概率最高的词元。"}',
          '    answers: [greedy decoding, greedy search]',
          '  - id: c',
          '    term: {en: beam search, zh: 束搜索}',
          '    definition: {en: "Keeping the n most probable partial sequences and returning the best complete one.", zh: "保留 n 个最可能的部分序列。"}',
          '',
        ].join('\n'),
      ).notes;
    expect(ambiguousReverses(pair('greedy search'))).toHaveLength(1);
    expect(ambiguousReverses(pair('greedy search, greedy decoding'))).toEqual([]);
  });

  it('read the terminology table and reject its variants in Chinese text, not in answers', () => {
    const table = terminologyTable(
      '# Decks\n\n## Terminology\n\n| concept | 中文 | not |\n| --- | --- | --- |\n| token | 词元 | 标记、令牌 |\n| embedding | 嵌入 | — |\n',
    );
    expect(table).toEqual([
      { concept: 'token', zh: '词元', rejected: ['标记', '令牌'] },
      { concept: 'embedding', zh: '嵌入', rejected: [] },
    ]);
    const { notes, decks } = notesOf(
      `  - id: t\n    term: {en: token, zh: 标记}\n    definition: {en: "A unit of text.", zh: "文本单位。"}\n    answers: [标记]\n`,
    );
    expect(terminologyProblems(notes, decks, table)).toEqual(['q/t: "标记" for token; the table says 词元']);
  });

  it('see half-width punctuation in Chinese prose but not in formulas', () => {
    expect(halfWidthPunctuation('自注意力(self-attention)很重要,对吧')).toEqual(['自注意力(self-attention)很', 'on)很重要,对吧']);
    expect(halfWidthPunctuation('公式：softmax(QKᵀ/√d_k)·V，奖励 (r_i − mean(r))')).toEqual([]);
  });
});
