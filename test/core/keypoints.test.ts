import { describe, expect, it } from 'vitest';
import { contentWords, keypointCoverage, suggestedRating } from '../../src/core/keypoints.js';

describe('key point coverage', () => {
  it.each([
    // answer                                                                    key point                                                       covered
    ['we train a reward model on human preference rankings',                    'reward model trained on human preference rankings',            true],
    ['RL with PPO maximises the reward, with a KL penalty to the SFT model',    'RL (e.g. PPO) maximises reward, with a KL penalty to the SFT model', true],
    ['it is about tokens',                                                        'reward model trained on human preference rankings',            false],
    ['先做监督微调，再训练奖励模型',                                              { en: 'reward model from preferences', zh: '用人类偏好训练奖励模型' }, true],
    ['',                                                                          'anything at all here',                                         false],
    ['Optimizing the policy against the reward',                                 'optimise the policy against the reward',                        true],
  ])('%j covers %j: %s', (answer, keypoint, covered) => {
    expect(keypointCoverage(answer, keypoint).covered).toBe(covered);
  });

  it('reads Chinese by two-character pieces and English without stop words', () => {
    expect(contentWords('the reward model')).toEqual(['reward', 'model']);
    expect(contentWords('奖励模型')).toEqual(['奖励', '励模', '模型']);
  });

  it('accepts Chinese key points answered in pinyin', async () => {
    const { loadPinyin } = await import('../../src/app/pinyin.js');
    expect(keypointCoverage('xunlian jiangli moxing', '训练奖励模型', await loadPinyin()).covered).toBe(true);
  });

  it('suggests a rating from the share covered', () => {
    expect([suggestedRating(5, 5), suggestedRating(3, 5), suggestedRating(1, 5), suggestedRating(0, 0)]).toEqual(['good', 'hard', 'again', 'again']);
  });
});
