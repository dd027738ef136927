import { describe, expect, it } from 'vitest';
import { allowedEdits, foldAnswer, gradeTyped } from '../../src/core/grading.js';

describe('typed answers', () => {
  it.each([
    // reply                                        accepted                                                   verdict
    ['RLHF', ['RLHF'], 'exact'],
    ['rlhf', ['RLHF'], 'exact'],
    ['ＲＬＨＦ', ['RLHF'], 'exact'],
    ['reinforcement learning from human feedback', ['RLHF', 'reinforcement learning from human feedback'], 'exact'],
    ['Reinforcement-learning, from human feedback!', ['reinforcement learning from human feedback'], 'exact'],
    ['reinforcment learning from human feedback', ['reinforcement learning from human feedback'], 'close'],
    ['基于人类反馈的强化学习', ['基于人类反馈的强化学习'], 'exact'],
    ['117 million', ['117 million'], 'exact'],
    ['117million', ['117 million'], 'exact'],
    ['transfomer', ['Transformer'], 'close'],
    ['SFT', ['RFT'], 'wrong'],
    ['RLHF', ['RLAIF'], 'wrong'],
    ['tokens', ['token'], 'close'],
    ['embedding', ['attention'], 'wrong'],
    ['', ['anything'], 'wrong'],
    ['1.17亿', ['1.17 亿'], 'exact'],
  ])('%j against %j: %s', (reply, accepted, verdict) => {
    expect(gradeTyped(reply, accepted).verdict).toBe(verdict);
  });

  it('reports the closest accepted answer', () => {
    expect(gradeTyped('reinforcment learning', ['RLHF', 'reinforcement learning']).closest).toBe('reinforcement learning');
  });

  it('folds case, width, punctuation and spaces', () => {
    expect(foldAnswer(' Ｇｏｏｄ, day! ')).toBe('goodday');
  });

  it('allows no typo in short answers and more in long ones', () => {
    expect([3, 4, 5, 8, 9, 16, 40].map(allowedEdits)).toEqual([0, 0, 1, 1, 2, 2, 5]);
  });
});

describe('Chinese answers typed in pinyin', async () => {
  const { loadPinyin } = await import('../../src/app/pinyin.js');
  const toPinyin = await loadPinyin();
  it.each([
    ['jiandu weitiao', ['监督微调'], 'exact'],
    ['JianDuWeiTiao', ['SFT', '监督微调'], 'exact'],
    ['jiandu weitao', ['监督微调'], 'close'],
    ['qianghua', ['强化学习'], 'wrong'],
    ['1.17 yi', ['1.17 亿'], 'exact'],
  ])('%j against %j: %s', (reply, accepted, verdict) => {
    expect(gradeTyped(reply, accepted, toPinyin).verdict).toBe(verdict);
  });
});
