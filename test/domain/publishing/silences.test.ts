import { describe, expect, it } from 'vitest';
import { silenceAlerts } from '../../../domain/publishing/silences.js';

const period = { from: '2027-03-01T00:00:00+08:00', to: '2027-03-05T00:00:00+08:00' };
const DAY = 86_400_000;

describe('silences', () => {
  it('checks the posts that actually went out, in any order, ignoring those outside the period', () => {
    const alerts = silenceAlerts({
      channelId: 'weibo', timeZone: 'Asia/Shanghai', period, maxSilenceMs: DAY,
      times: ['2027-03-03T12:00:00+08:00', '2027-03-01T12:00:00+08:00', '2027-03-09T12:00:00+08:00', '2027-03-04T10:00:00+08:00'],
    });
    expect(alerts.map((a) => [a.from, a.to, a.length / 3_600_000])).toEqual([
      ['2027-03-01T04:00:00.000Z', '2027-03-03T04:00:00.000Z', 48],
    ]);
    expect(alerts[0]!.message.en).toBe(
      'weibo is silent for 2 days (2027-03-01 12:00 to 2027-03-03 12:00), longer than its pacing allows (1 day): '
      + 'the audience forgets a quiet channel; schedule a post in between.',
    );
    expect(alerts[0]!.message['zh-CN']).toBe(
      'weibo 在 2027-03-01 12:00 至 2027-03-03 12:00 之间 2天 没有发布, 超过节奏允许的 1天: 长时间沉默会被用户遗忘, 请在中间安排一条内容。',
    );
  });

  it('counts a period without posts as one silence, and a gap of exactly maxSilence as none', () => {
    expect(silenceAlerts({ channelId: 'c', timeZone: 'UTC', period, maxSilenceMs: 3 * DAY, times: [] })).toHaveLength(1);
    expect(silenceAlerts({ channelId: 'c', timeZone: 'UTC', period, maxSilenceMs: 4 * DAY, times: [] })).toEqual([]);
    expect(silenceAlerts({ channelId: 'c', timeZone: 'UTC', period: { from: period.to, to: period.from }, maxSilenceMs: 0, times: [] })).toEqual([]);
  });
});
