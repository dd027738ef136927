/**
 * Issue 14: options of the same kind as the answer, from the right decks, never equivalent to it;
 * false statements from siblings only; cloze prompts that hide their gap; graders that accept a gap
 * with or without its gloss.
 */
import { describe, expect, it } from 'vitest';
import { equivalent, mentions } from '../../src/core/answer-forms.js';
import type { Note } from '../../src/core/notes.js';
import { buildQuiz, type PoolNote, type Question } from '../../src/core/quiz.js';
import { gradeItem, gradeQuiz } from '../../src/core/quiz-grade.js';
import { createRng } from '../../src/core/random.js';

const common = {
  idGiven: true,
  tags: [] as string[],
  answers: [] as string[],
  keypoints: [],
  related: [] as string[],
  distractors: [] as Note['distractors'],
  line: 1,
};
const term = (deck: string, id: string, t: string, definition: string, extra: Partial<Note> = {}): PoolNote => ({
  key: `${deck}/${id}`,
  deck,
  tags: [],
  note: { ...common, id, kind: 'glossary', term: t, definition, reverse: true, ...extra } as Note,
});
const question = (deck: string, id: string, front: string, back: string, extra: Partial<Note> = {}): PoolNote => ({
  key: `${deck}/${id}`,
  deck,
  tags: [],
  note: { ...common, id, kind: 'question', front, back, reverse: false, ...extra } as Note,
});
const cloze = (deck: string, id: string, text: Note extends never ? never : string | Record<string, string>, extra: Partial<Note> = {}): PoolNote => ({
  key: `${deck}/${id}`,
  deck,
  tags: [],
  note: { ...common, id, kind: 'cloze', cloze: text, ...extra } as Note,
});

/** Every question the pool gives for `card` over many seeds. */
function asked(pool: PoolNote[], card: string, mode: 'mc' | 'tf' | 'typed' | 'cloze' | 'mixed', lang: 'en' | 'zh' | 'both' = 'en', seeds = 40): Question[] {
  const out: Question[] = [];
  for (let seed = 1; seed <= seeds; seed++)
    out.push(...buildQuiz(pool, { count: pool.length, mode, lang }, createRng(seed), seed).questions.filter((q) => q.card === card));
  return out;
}

describe('equivalent answers', () => {
  it.each([
    ['supervised fine-tuning (SFT)', 'supervised fine-tuning', true],
    ['supervised fine-tuning (SFT)', 'SFT', true],
    ['supervised fine-tuning', 'SFT', true],
    ['RLHF', 'reinforcement learning from human feedback', true],
    ['LLMs', 'large language models', true],
    ['information retrieval (IR)', 'information retrieval', true],
    ['查询(query)', 'query', true],
    ['self-attention', 'cross-attention', false],
    ['supervised learning', 'self-supervised learning', false],
    ['top-k sampling', 'top-p sampling', false],
    ['GPT-3', 'GPT-3.5', false],
  ])('%s ~ %s: %s', (a, b, same) => {
    expect(equivalent(a, b)).toBe(same);
    expect(equivalent(b, a)).toBe(same);
  });

  it('finds whole words only', () => {
    expect(mentions('What is the memory wall in LLM decoding?', 'memory wall')).toBe(true);
    expect(mentions('each query vector is compared with every monkey', 'key')).toBe(false);
    expect(mentions('和[...]（Harmlessness）', 'harmlessness')).toBe(true);
    expect(mentions('由谷歌提出', '谷歌')).toBe(true);
  });
});

describe('distractor choice', () => {
  const ml = [
    term('llm/training', 'sft', 'supervised fine-tuning (SFT)', 'Training a pre-trained model on labelled input-output pairs.', {
      answers: ['SFT', 'supervised fine-tuning'],
      distractors: ['supervised fine-tuning', 'pre-training', 'RLHF'],
    }),
    term('llm/training', 'pre-training', 'pre-training', 'Training a model from scratch on a large unlabelled corpus.'),
    term('llm/training', 'rlhf', 'RLHF', 'Optimising a model against a reward model learned from human preferences.'),
    term('llm/training', 'dpo', 'DPO', 'Optimising a model directly on preference pairs, without a reward model.'),
    term('llm/training', 'distillation', 'knowledge distillation', 'Training a small student model to imitate a large teacher model.'),
    term('llm/training', 'quantization', 'quantization', 'Storing weights with fewer bits.'),
  ];
  const mine = [
    term('mine/geo', 'canberra', 'Canberra', 'The capital of Australia.'),
    term('mine/geo', 'ottawa', 'Ottawa', 'The capital of Canada.'),
    term('mine/geo', 'ankara', 'Ankara', 'The capital of Turkey.'),
  ];

  it('never offers an alias, expansion or abbreviation of the right answer, and formats options alike', () => {
    const qs = asked([...ml, ...mine], 'llm/training/sft:reverse', 'mc');
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) {
      const s = q.solution as { kind: 'mc'; index: number };
      expect(q.choices).toHaveLength(4);
      const wrong = q.choices.filter((_, i) => i !== s.index);
      for (const w of wrong) expect(equivalent(w, 'supervised fine-tuning (SFT)'), w).toBe(false);
      // The right answer lost its "(SFT)" because the others carry no expansion.
      expect(q.choices[s.index]).toBe('supervised fine-tuning');
    }
  });

  it('never borrows options from another top-level deck', () => {
    for (const q of asked([...ml, ...mine], 'mine/geo/canberra:reverse', 'mixed')) {
      // Three capitals are not enough for four options: asked another way, never padded with LLM terms.
      expect(q.kind).not.toBe('mc');
    }
    const withFourth = [...ml, ...mine, term('mine/geo', 'pretoria', 'Pretoria', 'The administrative capital of South Africa.')];
    const qs = asked(withFourth, 'mine/geo/canberra:reverse', 'mc');
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) expect(new Set(q.choices)).toEqual(new Set(['Canberra', 'Ottawa', 'Ankara', 'Pretoria']));
  });

  it('gives numbers for a number and leaves out answers of another length or form', () => {
    const deck = [
      question('llm/gpt', 'gpt3-params', 'How many parameters has GPT-3?', '175 billion', { distractors: ['1.5 billion'] }),
      question('llm/gpt', 'gpt2-params', 'How many parameters has GPT-2?', '1.5 billion'),
      question('llm/gpt', 'gpt1-params', 'How many parameters has GPT-1?', '117 million'),
      question('llm/gpt', 'llama-params', 'How many parameters has the largest LLaMA?', '65 billion'),
      question('llm/gpt', 'maker', 'Who made GPT-3?', 'OpenAI'),
      question('llm/gpt', 'long', 'What is the name of the benchmark?', 'the Massive Multitask Language Understanding benchmark'),
    ];
    const qs = asked(deck, 'llm/gpt/gpt3-params:forward', 'mc');
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) expect(new Set(q.choices)).toEqual(new Set(['175 billion', '1.5 billion', '117 million', '65 billion']));
  });

  it('asks an explanation as a typed open question, never as multiple choice', () => {
    const deck = [
      question(
        'llm/d',
        'why',
        'Why is deploying an LLM expensive?',
        'Because the weights are huge and decoding is memory-bound; the usual remedy is model compression such as quantization.',
        {
          answers: ['model compression', 'quantization'],
        },
      ),
      question('llm/d', 'wall', 'What is the memory wall?', 'Decoding waits on memory bandwidth, not on compute: each token reads every weight.', {
        answers: ['memory wall'],
      }),
      ...['a', 'b', 'c'].map((x) => question('llm/d', x, `Short ${x}?`, `answer ${x}`)),
    ];
    const qs = asked(deck, 'llm/d/why:forward', 'mixed');
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) {
      expect(q.kind).toBe('typed');
      expect(q.solution).toMatchObject({ kind: 'typed', open: { keypoints: [] } });
      expect(gradeItem(q, 'I would compress the model, e.g. by quantization').correct).toBe(true);
      expect(gradeItem(q, 'buy more GPUs').correct).toBe(false);
    }
    // A key word the question itself says proves nothing: with no other, the note is not asked.
    expect(asked(deck, 'llm/d/wall:forward', 'mixed')).toEqual([]);
  });
});

describe('false statements', () => {
  const deck = [
    term('llm/t', 'attention', 'attention mechanism', 'A component that lets a model weigh the parts of its input by relevance.', { tags: ['attention'] }),
    term('llm/t', 'self-attention', 'self-attention', 'Attention in which queries, keys and values come from the same sequence.', { tags: ['attention'] }),
    term('llm/t', 'cross-attention', 'cross-attention', 'Queries from one sequence, keys and values from another, as between decoder and encoder.', {
      tags: ['attention'],
    }),
    term('llm/t', 'rl', 'reinforcement learning (RL)', 'Learning by trial and error to maximise a reward signal.'),
    term('llm/t', 'rlhf', 'RLHF', 'Optimising a model against rewards learned from human preference rankings.', {
      answers: ['reinforcement learning from human feedback'],
    }),
    term('llm/t', 'positional', 'positional encoding', 'Information about where each token sits in the sequence, added to its embedding.', {
      tags: ['attention'],
    }),
    term('llm/t', 'multi-head', 'multi-head attention', 'Several attention computations side by side.', {
      tags: ['attention'],
      notConfusedWith: ['positional'],
    }),
    term('mine/g', 'fjord', 'fjord', 'A narrow sea inlet carved by a glacier.'),
  ];
  const shownFor = (card: string) =>
    asked(deck, card, 'tf', 'en', 30)
      .filter((q) => q.swapped)
      .map((q) => q.swapped!.term);

  it('never pairs a term with the definition of a broader, narrower or equivalent one', () => {
    // self-attention's definition names attention; "attention" is in "self-attention" and "multi-head attention".
    expect(shownFor('llm/t/attention:forward')).not.toContain('self-attention');
    expect(shownFor('llm/t/attention:forward')).not.toContain('multi-head attention');
    expect(shownFor('llm/t/self-attention:forward')).not.toContain('attention mechanism');
    // RLHF is a kind of reinforcement learning (its alias says so).
    expect(shownFor('llm/t/rlhf:forward')).not.toContain('reinforcement learning (RL)');
    expect(shownFor('llm/t/rl:forward')).not.toContain('RLHF');
  });

  it('uses a sibling of the same tag, respects not_confused_with both ways, and never another top-level deck', () => {
    const forCross = new Set(shownFor('llm/t/cross-attention:forward'));
    expect(forCross.size).toBeGreaterThan(0);
    // Siblings under the same tag: self-attention is as confusable with cross-attention as it gets.
    expect(
      [...forCross].every((t) => ['self-attention', 'positional encoding', 'multi-head attention'].includes(t)),
      [...forCross].join(),
    ).toBe(true);
    expect(shownFor('llm/t/positional:forward')).not.toContain('multi-head attention');
    expect(shownFor('llm/t/multi-head:forward')).not.toContain('positional encoding');
    for (const card of deck.map((p) => `${p.key}:forward`)) expect(shownFor(card)).not.toContain('fjord');
  });

  it('says whose definition was shown', () => {
    const q = asked(deck, 'llm/t/cross-attention:forward', 'tf', 'en', 80).find((x) => x.swapped)!;
    expect(q.solution).toEqual({ kind: 'tf', value: false });
    expect(q.swapped!.own).toMatch(/^Queries from one sequence/);
    expect(q.prompt).toContain(q.swapped!.definition);
  });
});

describe('cloze prompts and their grading', () => {
  const harmless = cloze('llm/a', '3h', {
    en: 'The 3H criteria are helpfulness, honesty and {{c1::harmlessness}}.',
    zh: '3H 标准是有用性（Helpfulness）、诚实性（Honesty）和{{c1::无害性}}（Harmlessness）。',
  });
  const keyGap = cloze(
    'llm/a',
    'qkv',
    { en: 'Each query is compared with every {{c1::key}}.', zh: '每个查询都与每个{{c1::键（key）}}比较。' },
    { answers: ['key vector'] },
  );

  it('never shows the answer, not even as a gloss in the other language', () => {
    for (const lang of ['both', 'en', 'zh'] as const) {
      for (const q of asked([harmless, keyGap], 'llm/a/3h:c1', 'cloze', lang, 5)) {
        expect(q.prompt).not.toMatch(/harmlessness|无害性/i);
        expect(q.prompt).toContain('[...]');
      }
    }
    const both = asked([harmless], 'llm/a/3h:c1', 'cloze', 'both', 1)[0]!;
    expect(both.prompt).toContain('诚实性（Honesty）和[...]。');
  });

  it('accepts the gap with or without its gloss, in either language, and the aliases', () => {
    const q = asked([harmless, keyGap], 'llm/a/qkv:c1', 'cloze', 'both', 1)[0]!;
    for (const reply of ['key', '键', '键（key）', 'Key', 'key vector']) expect(gradeItem(q, reply).correct, reply).toBe(true);
    expect(gradeItem(q, 'value').correct).toBe(false);
  });

  it('records an "I was right" overrule as right and as overruled', () => {
    const q = asked([harmless], 'llm/a/3h:c1', 'cloze', 'en', 1)[0]!;
    const r = gradeQuiz({ seed: 1, questions: [q] }, ['harmless'], undefined, new Set([q.n]));
    expect(r.items[0]).toMatchObject({ correct: true, score: 1, overridden: true, given: 'harmless' });
    expect(r.score).toBe(1);
  });

  it('names the accepted spelling of a forgiven typo', () => {
    const q: Question = {
      n: 1,
      card: 'd/n:reverse',
      kind: 'typed',
      prompt: 'Name the term',
      choices: [],
      solution: { kind: 'typed', accepted: ['LangChain'], display: 'LangChain' },
      cards: ['d/n:reverse'],
      tags: [],
    };
    expect(gradeItem(q, 'langchian')).toMatchObject({ correct: true, spelled: 'LangChain' });
    expect(gradeItem(q, 'langchain').spelled).toBeUndefined();
  });
});
