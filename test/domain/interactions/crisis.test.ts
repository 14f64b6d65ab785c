import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessCrisis, isNegative, NEGATIVE_AT, type ScoredInteraction } from '../../../domain/interactions/crisis.js';
import { sentimentScore } from '../../../domain/interactions/sentiment.js';

const NOW = '2027-03-10T18:00:00+08:00';
const HOUR = 3_600_000;
const settings = { negativeShare: 0.3, window: '6h', minVolume: 20 };
const at = (hoursAgo: number) => new Date(Date.parse(NOW) - hoursAgo * HOUR).toISOString();
const names = { xiaohongshu: '小红书', douyin: '抖音', weibo: '微博' };

function comments(channelId: string, texts: readonly string[], hoursAgo = 1): ScoredInteraction[] {
  return texts.map((text) => ({ channelId, at: at(hoursAgo), score: sentimentScore(text) }));
}

describe('crisis warning', () => {
  it('triggers on a negative share at or above the threshold with enough volume, naming the channels', () => {
    const interactions = [
      ...comments('xiaohongshu', Array<string>(8).fill('收到的茶叶发霉了, 要求退款')),
      ...comments('douyin', Array<string>(4).fill('智商税, 避雷')),
      ...comments('weibo', Array<string>(1).fill('太失望了')),
      ...comments('xiaohongshu', Array<string>(17).fill('好喝, 推荐')),
      // Outside the 6-hour window: does not count.
      ...comments('weibo', Array<string>(50).fill('太失望了'), 7),
    ];
    const result = assessCrisis({ interactions, settings, now: NOW, channelNames: names });
    expect(result).toMatchObject({ triggered: true, reason: 'negative-share', volume: 30, negatives: 13 });
    expect(result.share).toBeCloseTo(13 / 30);
    expect(result.topChannels).toEqual([
      { channelId: 'xiaohongshu', negatives: 8, volume: 25 },
      { channelId: 'douyin', negatives: 4, volume: 4 },
      { channelId: 'weibo', negatives: 1, volume: 1 },
    ]);
    expect(result.window).toEqual({ from: '2027-03-10T04:00:00.000Z', to: '2027-03-10T10:00:00.000Z' });
    expect(result.message.en).toBe(
      'Crisis warning: 43.3% of the 30 interactions in the last 6 hours are negative (13; threshold 30%). Most come from 小红书 (8), 抖音 (4), 微博 (1).',
    );
    expect(result.message['zh-CN']).toBe(
      '舆情预警: 过去 6小时 的 30 条互动中负面占 43.3%(13 条, 阈值 30%), 主要来自 小红书(8 条)、抖音(4 条)、微博(1 条)。',
    );
  });

  it('does not trigger below the minimum volume, however negative', () => {
    const result = assessCrisis({ interactions: comments('weibo', Array<string>(19).fill('垃圾')), settings, now: NOW });
    expect(result).toMatchObject({ triggered: false, reason: 'below-volume', volume: 19, negatives: 19 });
    expect(result.message.en).toBe('Too few interactions to judge: 19 in the last 6 hours (20 needed), 19 of them negative.');
  });

  it('does not trigger below the share, and says so', () => {
    const interactions = [...comments('weibo', Array<string>(5).fill('垃圾')), ...comments('weibo', Array<string>(15).fill('不错'))];
    const result = assessCrisis({ interactions, settings, now: NOW });
    expect(result).toMatchObject({ triggered: false, reason: 'below-share', share: 0.25 });
    expect(result.message['zh-CN']).toBe('暂无舆情危机: 过去 6小时 的 20 条互动中负面占 25%, 低于阈值 30%。');
  });

  it('counts a score of exactly −0.3 as negative and mild reservations as not', () => {
    expect(isNegative(NEGATIVE_AT)).toBe(true);
    expect(isNegative(-0.29)).toBe(false);
    expect(isNegative(sentimentScore('有点贵'))).toBe(false);
  });

  it('includes the window\'s end and excludes its start', () => {
    const edge = [{ channelId: 'c', at: at(6), score: -1 }, { channelId: 'c', at: at(0), score: -1 }, { channelId: 'c', at: at(-1), score: -1 }];
    expect(assessCrisis({ interactions: edge, settings: { ...settings, minVolume: 1 }, now: NOW }).volume).toBe(1);
  });

  describe('properties', () => {
    const item = fc.record({
      channelId: fc.constantFrom('a', 'b', 'c'),
      at: fc.integer({ min: 0, max: 12 * 60 }).map((minutes) => at(minutes / 60)),
      score: fc.double({ min: -1, max: 1, noNaN: true }),
    });
    const crisis = fc.record({
      negativeShare: fc.double({ min: 0, max: 1, noNaN: true }),
      window: fc.constantFrom('1h', '6h', '12h'),
      minVolume: fc.integer({ min: 1, max: 40 }),
    });

    it('never triggers below the minimum volume', () => {
      fc.assert(fc.property(fc.array(item, { maxLength: 60 }), crisis, (interactions, s) => {
        const result = assessCrisis({ interactions, settings: s, now: NOW });
        if (result.volume < s.minVolume) expect(result.triggered).toBe(false);
        expect(result.negatives).toBeLessThanOrEqual(result.volume);
      }));
    });

    it('is monotone in negatives: turning a comment negative, or adding a negative one, never calls a crisis off', () => {
      fc.assert(fc.property(fc.array(item, { maxLength: 60 }), crisis, fc.nat(), (interactions, s, pick) => {
        const before = assessCrisis({ interactions, settings: s, now: NOW });
        const turned = interactions.map((it, i) => (interactions.length > 0 && i === pick % interactions.length ? { ...it, score: -1 } : it));
        const added = [...interactions, { channelId: 'a', at: NOW, score: -0.9 }];
        if (before.triggered) {
          expect(assessCrisis({ interactions: turned, settings: s, now: NOW }).triggered).toBe(true);
          expect(assessCrisis({ interactions: added, settings: s, now: NOW }).triggered).toBe(true);
        }
      }));
    });
  });
});
