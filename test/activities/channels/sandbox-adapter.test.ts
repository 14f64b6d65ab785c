import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelRejectedError, type ChannelAdapter } from '../../../activities/channels/adapter.js';
import { ChannelUnavailableError } from '../../../activities/channels/http.js';
import { createSandboxAdapter } from '../../../activities/channels/sandbox-adapter.js';
import { startSandboxPlatform, type SandboxPlatform } from '../../../sandbox/platform.js';

let platform: SandboxPlatform;
let adapter: ChannelAdapter;

beforeAll(async () => {
  platform = await startSandboxPlatform({ seed: 'adapter-test' });
  adapter = createSandboxAdapter({ baseUrl: platform.url, timeoutMs: 2_000 });
});

afterAll(async () => {
  await platform.close();
});

beforeEach(() => {
  platform.setFaults({});
});

const budget = (campaignId: string, channelId: string, idempotencyKey: string, dailyBudget = 1_000) => ({
  campaignId, channelId, amount: dailyBudget * 42, dailyBudget, currency: 'CNY', idempotencyKey,
});

/** What the platform reports for one day of a channel given a daily budget, on a fresh platform with the same seed. */
async function reportWithBudget(dailyBudget: number, channelKind: string) {
  const fresh = await startSandboxPlatform({ seed: 'adapter-test' });
  try {
    const channel = createSandboxAdapter({ baseUrl: fresh.url });
    await channel.setBudget({ ...budget('cmp-curve', 'paid', 'cmp-curve:allocate:1'), dailyBudget, channelKind });
    return await channel.fetchDailyReport({ campaignId: 'cmp-curve', channelId: 'paid', day: 7 });
  } finally {
    await fresh.close();
  }
}

describe('sandbox channel adapter against the sandbox platform', () => {
  it('applies a budget once when the same change is sent twice', async () => {
    const change = { ...budget('cmp-1', 'weibo', 'cmp-1:allocate:1'), channelKind: 'weibo' };
    await adapter.setBudget(change);
    await adapter.setBudget(change);
    expect(platform.stats().perChannel['cmp-1/weibo']).toMatchObject({ kind: 'weibo', budgetsApplied: 1, budgetRepeats: 1 });
  });

  it('does not publish a post twice when it is retried with the same key', async () => {
    const post = {
      campaignId: 'cmp-1', channelId: 'oa', contentId: 'article-1', title: '春季上新', body: '长文…',
      idempotencyKey: 'cmp-1:publish:article-1:oa', channelKind: 'wechat-oa', day: 1,
    };
    const first = await adapter.publish(post);
    const retry = await adapter.publish(post);
    expect(first.created).toBe(true);
    expect(retry).toEqual({ postId: first.postId, created: false });
    expect(platform.stats().perChannel['cmp-1/oa']?.postsCreated).toBe(1);
  });

  it('reads reports that are deterministic for a seed and frozen once read', async () => {
    await adapter.setBudget({ ...budget('cmp-2', 'xhs', 'k1', 3_000), channelKind: 'xiaohongshu' });
    const first = await adapter.fetchDailyReport({ campaignId: 'cmp-2', channelId: 'xhs', day: 3 });
    await adapter.setBudget({ ...budget('cmp-2', 'xhs', 'k2', 30_000), channelKind: 'xiaohongshu' });
    expect(await adapter.fetchDailyReport({ campaignId: 'cmp-2', channelId: 'xhs', day: 3 })).toEqual(first);
    expect(first.recordId).toBe('sbx-cmp-2-xhs-d3');

    const twin = await startSandboxPlatform({ seed: 'adapter-test' });
    const other = await startSandboxPlatform({ seed: 'another-seed' });
    try {
      for (const [target, expectSame] of [[twin, true], [other, false]] as const) {
        const channel = createSandboxAdapter({ baseUrl: target.url });
        await channel.setBudget({ ...budget('cmp-2', 'xhs', 'k1', 3_000), channelKind: 'xiaohongshu' });
        const report = await channel.fetchDailyReport({ campaignId: 'cmp-2', channelId: 'xhs', day: 3 });
        if (expectSame) expect(report).toEqual(first);
        else expect(report).not.toEqual(first);
      }
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('turns more budget into more orders, with diminishing returns', async () => {
    const low = await reportWithBudget(10_000, 'douyin');
    const high = await reportWithBudget(40_000, 'douyin');
    const higher = await reportWithBudget(80_000, 'douyin');
    expect(high.orders).toBeGreaterThan(low.orders);
    expect(higher.orders).toBeGreaterThanOrEqual(high.orders);
    expect(high.orders / high.spend).toBeLessThan(low.orders / low.spend);
    expect(higher.orders).toBeLessThan(2 * high.orders);
  });

  it('throws a retryable error on a 5xx, and the retry applies once', async () => {
    platform.setFaults({ failNext: 1, status: 503 });
    const change = budget('cmp-3', 'sem', 'cmp-3:allocate:1');
    const failure = await adapter.setBudget(change).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChannelUnavailableError);
    expect(failure).not.toBeInstanceOf(ChannelRejectedError);
    expect((failure as Error).message).toMatch(/channel sem \(campaign cmp-3\).*503/);
    await adapter.setBudget(change);
    expect(platform.stats().perChannel['cmp-3/sem']?.budgetsApplied).toBe(1);
  });

  it('treats a lost answer as retryable; the retry finds the post already made', async () => {
    platform.setFaults({ failNext: 1, status: 500, loseResponse: true, routes: ['posts'] });
    const post = { campaignId: 'cmp-3', channelId: 'dy', contentId: 'clip', title: '', body: '短视频', idempotencyKey: 'cmp-3:clip:dy' };
    await expect(adapter.publish(post)).rejects.toBeInstanceOf(ChannelUnavailableError);
    expect(await adapter.publish(post)).toMatchObject({ created: false });
    expect(platform.stats().perChannel['cmp-3/dy']?.postsCreated).toBe(1);
  });

  it('throws ChannelRejectedError with the platform message on a 4xx', async () => {
    const note = {
      campaignId: 'cmp-4', channelId: 'xhs', contentId: 'note', channelKind: 'xiaohongshu',
      title: '一个明显超过了小红书二十字上限的笔记标题写在这里', body: '正文', idempotencyKey: 'cmp-4:note',
    };
    const failure = await adapter.publish(note).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChannelRejectedError);
    expect((failure as ChannelRejectedError).status).toBe(422);
    expect((failure as Error).message).toMatch(/titles are at most 20 characters/);

    platform.setFaults({ failNext: 1, status: 400 });
    await expect(adapter.fetchDailyReport({ campaignId: 'cmp-4', channelId: 'xhs', day: 1 }))
      .rejects.toBeInstanceOf(ChannelRejectedError);
  });

  it('treats 429 as "not now" rather than a refusal', async () => {
    platform.setFaults({ failNext: 1, status: 429 });
    await expect(adapter.fetchDailyReport({ campaignId: 'cmp-4', channelId: 'xhs', day: 2 }))
      .rejects.toBeInstanceOf(ChannelUnavailableError);
  });

  it('gives up on a slow platform after its timeout, with a retryable error', async () => {
    const impatient = createSandboxAdapter({ baseUrl: platform.url, timeoutMs: 100 });
    platform.setFaults({ failNext: 1, delayMs: 1_000 });
    const failure = await impatient.fetchDailyReport({ campaignId: 'cmp-5', channelId: 'wb', day: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChannelUnavailableError);
    expect((failure as Error).message).toMatch(/no answer within 100 ms/);
  });

  it('throws a retryable error when the platform cannot be reached', async () => {
    const gone = await startSandboxPlatform();
    const unreachable = createSandboxAdapter({ baseUrl: gone.url });
    await gone.close();
    await expect(unreachable.fetchDailyReport({ campaignId: 'c', channelId: 'x', day: 1 }))
      .rejects.toBeInstanceOf(ChannelUnavailableError);
  });

  it('rejects a malformed request before it can apply anything', async () => {
    const failure = await adapter.setBudget({ ...budget('cmp-6', 'x', 'k'), dailyBudget: -1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChannelRejectedError);
    expect((failure as Error).message).toMatch(/dailyBudget/);
  });
});
