import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNegative } from '../../../domain/interactions/crisis.js';
import { analyseSentiment, sentimentScore } from '../../../domain/interactions/sentiment.js';

describe('sentiment', () => {
  it.each([
    ['太好喝了！强烈推荐👍', 0.9, 1],
    ['回甘很明显, 包装也好看, 已经回购第二次了', 0.8, 1],
    ['This tea is amazing, highly recommend!', 0.8, 1],
    ['Great session, very insightful. Thanks!', 0.8, 1],
  ])('scores praise as clearly positive: %s', (text, low, high) => {
    expect(sentimentScore(text)).toBeGreaterThanOrEqual(low);
    expect(sentimentScore(text)).toBeLessThanOrEqual(high);
  });

  it.each([
    '包装破损, 客服也不理人, 太失望了😡',
    '完全是智商税, 大家避雷',
    '收到的茶叶发霉了, 要求退款',
    'Terrible service, I want a refund 😡',
    'The sign-up page is broken and nobody answers. Worst webinar ever.',
  ])('scores complaints as negative: %s', (text) => {
    expect(sentimentScore(text)).toBeLessThanOrEqual(-0.6);
    expect(isNegative(sentimentScore(text))).toBe(true);
  });

  it.each(['请问什么时候发货?', '已下单', 'When does the webinar start?', 'Is there a recording?', ''])('scores questions and plain facts as neutral: %s', (text) => {
    expect(sentimentScore(text)).toBe(0);
  });

  it('turns words around after a negator, and softens a negated intensifier', () => {
    expect(sentimentScore('喜欢')).toBeGreaterThan(0.3);
    expect(sentimentScore('不喜欢')).toBeLessThan(-0.3);
    expect(sentimentScore('I do not like it')).toBeLessThan(-0.3);
    expect(sentimentScore("I don't recommend it")).toBeLessThan(-0.3);
    // "Not bad" is faint praise, "not very good" a mild complaint that is not counted as negative.
    expect(sentimentScore('not bad at all')).toBeGreaterThan(0);
    expect(sentimentScore('not bad at all')).toBeLessThan(sentimentScore('good'));
    expect(sentimentScore('不是很好')).toBeLessThan(0);
    expect(isNegative(sentimentScore('不是很好'))).toBe(false);
  });

  it('reads phrases that contain 不 by their meaning', () => {
    expect(sentimentScore('味道不错')).toBeGreaterThan(0.3);
    expect(sentimentScore('不但好喝而且便宜')).toBeGreaterThan(0.3);
    expect(sentimentScore('没想到这么好喝')).toBeGreaterThan(0.5);
    expect(sentimentScore('很不满意')).toBeLessThan(-0.6);
  });

  it('strengthens with intensifiers and weakens with softeners', () => {
    expect(sentimentScore('非常好')).toBeGreaterThan(sentimentScore('好'));
    expect(sentimentScore('very good')).toBeGreaterThan(sentimentScore('good'));
    expect(sentimentScore('太贵了')).toBeLessThan(sentimentScore('有点贵'));
    expect(isNegative(sentimentScore('有点贵'))).toBe(false);
    expect(isNegative(sentimentScore('好贵啊'))).toBe(true);
  });

  it('weighs what follows "but" more in mixed comments', () => {
    expect(sentimentScore('好喝但是太贵了')).toBeLessThan(0);
    expect(sentimentScore('有点贵, 但是真的好喝')).toBeGreaterThan(0.3);
    expect(sentimentScore('Great content but the sign-up page is broken')).toBeLessThan(-0.3);
  });

  it('reads emoji, with or without variation selectors and skin tones', () => {
    expect(sentimentScore('👍🏻')).toBeGreaterThan(0.3);
    expect(sentimentScore('❤️❤️❤️')).toBeGreaterThan(0.8);
    expect(sentimentScore('😡😡')).toBeLessThan(-0.7);
    expect(sentimentScore('😂')).toBe(0);
  });

  it('says which words it counted', () => {
    expect(analyseSentiment('好喝但是太贵了').terms).toEqual([{ term: '好喝', weight: 1 }, { term: '贵', weight: -2.4 }]);
  });

  it('stays within [-1, 1] and is deterministic for any text', () => {
    const words = fc.constantFrom('不', '很', '好', '差', '但是', 'not', 'very', 'good', 'bad', 'but', '😡', '👍', '!', '，', ' ', '茶', 'x');
    fc.assert(fc.property(fc.array(words, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
      const score = sentimentScore(text);
      expect(score).toBeGreaterThanOrEqual(-1);
      expect(score).toBeLessThanOrEqual(1);
      expect(sentimentScore(text)).toBe(score);
    }));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(Math.abs(sentimentScore(text))).toBeLessThanOrEqual(1);
    }));
  });
});
