import { describe, expect, it } from 'vitest';
import { contentWords, gradeReply, isLongAnswer, keypointCoverage, suggestedRating } from '../../src/core/keypoints.js';

describe('key point coverage by meaning-bearing words (issue 14)', () => {
  const langchain = 'LangChain is an open source framework for LLM apps. Modules: models, prompts, chains, agents, memory, indexes';
  const agent =
    'An agent uses an LLM as its brain for planning and reasoning,\nit has memory (short and long term) and uses tools, observes results and acts in a loop.';
  it.each([
    [langchain, 'framework for developing LLM-powered applications'],
    [langchain, 'Models (standard interface to providers) and Prompts (prompt management)'],
    [langchain, 'Indexes: your own data, basis for RAG'],
    [langchain, 'Chains: sequences of model/prompt calls'],
    [langchain, 'Agents: decide and pick tools iteratively'],
    [langchain, 'Memory: state between calls; stateless by default'],
    [agent, 'LLM as the core that reasons and decides'],
    [agent, 'memory: short-term context and long-term external store'],
    [agent, 'planning: decompose the goal, revise the plan from feedback'],
    [agent, 'execution: choose and call tools, act in the environment'],
    [agent, 'iterative loop until the task is solved'],
  ])('%j covers %j', (answer, keypoint) => {
    const c = keypointCoverage(answer, keypoint);
    expect(c.covered).toBe(true);
    expect(c.matched.length).toBeGreaterThan(0);
  });

  it('says which words matched, and does not cover a point from unrelated words', () => {
    expect(keypointCoverage('models and prompts', 'Models (standard interface to providers) and Prompts (prompt management)').matched).toEqual(
      expect.arrayContaining(['models', 'prompts']),
    );
    expect(keypointCoverage('it uses tokens', 'Memory: state between calls; stateless by default').covered).toBe(false);
    expect(keypointCoverage('一个记忆模块', { en: 'Memory: state between calls', zh: '记忆：调用间维持状态' }).covered).toBe(true);
  });
});

describe('key point coverage', () => {
  it.each([
    // answer                                                                    key point                                                       covered
    ['we train a reward model on human preference rankings', 'reward model trained on human preference rankings', true],
    ['RL with PPO maximises the reward, with a KL penalty to the SFT model', 'RL (e.g. PPO) maximises reward, with a KL penalty to the SFT model', true],
    ['it is about tokens', 'reward model trained on human preference rankings', false],
    ['先做监督微调，再训练奖励模型', { en: 'reward model from preferences', zh: '用人类偏好训练奖励模型' }, true],
    ['', 'anything at all here', false],
    ['Optimizing the policy against the reward', 'optimise the policy against the reward', true],
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

describe('a typed reply to a long answer is graded by its key words (issue 13)', () => {
  const definition =
    'A self-contained, packaged software module designed for a language model that extends or enhances its abilities, for example helping it retrieve external data, perform computations or use third-party services.';
  it('tells long answers from short ones', () => {
    expect(isLongAnswer(definition)).toBe(true);
    expect(isLongAnswer('reinforcement learning from human feedback')).toBe(false);
  });
  it('right when enough key words are named, nearly with half of them, wrong with fewer', () => {
    const right = gradeReply('a software module that extends a language model to retrieve data', [definition]);
    expect(right.verdict).toBe('exact');
    expect(right.keywords?.matched).toEqual(expect.arrayContaining(['software', 'module', 'retrieve']));
    expect(right.keywords?.needed).toBe(6);
    expect(gradeReply('a software module for models', [definition]).verdict).toBe('close');
    expect(gradeReply('no idea', [definition]).verdict).toBe('wrong');
  });
  it('short answers and aliases stay letter by letter', () => {
    expect(gradeReply('RLFH', ['RLHF', 'reinforcement learning from human feedback'])).toMatchObject({ verdict: 'wrong' });
    expect(gradeReply('reinforcment learning from human feedback', ['RLHF', 'reinforcement learning from human feedback'])).toMatchObject({ verdict: 'close' });
    const alias = gradeReply('plugin', ['plugin', definition]);
    expect(alias.verdict).toBe('exact');
    expect(alias.keywords).toBeUndefined();
  });
});
