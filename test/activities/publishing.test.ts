/**
 * Publishing against the real sandbox platform on loopback and the real records database. The
 * retries are the activity called again with the same input, as Temporal's retry policy does.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { ChannelUnavailableError } from '../../activities/channels/http.js';
import { channelRegistry } from '../../activities/channels/registry.js';
import { createSandboxAdapter } from '../../activities/channels/sandbox-adapter.js';
import { publishingActivities, type PublishPostInput } from '../../activities/publishing.js';
import { startSandboxPlatform, type SandboxPlatform } from '../../sandbox/platform.js';
import { createPool } from '../../platform/database.js';
import { createStore } from '../../store/index.js';
import { uniqueCampaignId } from '../helpers/plans.js';

let pool: Pool;
let platform: SandboxPlatform;
let activities: ReturnType<typeof publishingActivities>;

beforeAll(async () => {
  pool = createPool(inject('databaseUrl'), { max: 2 });
  platform = await startSandboxPlatform({ seed: 'publishing-test' });
  activities = publishingActivities({ store: createStore(pool), channels: channelRegistry({ sandbox: createSandboxAdapter({ baseUrl: platform.url, timeoutMs: 2_000 }) }) });
});
afterAll(async () => {
  await platform?.close();
  await pool?.end();
});
beforeEach(() => platform.setFaults({}));

async function campaign(prefix: string): Promise<string> {
  const id = uniqueCampaignId(prefix);
  await pool.query(`INSERT INTO campaigns (id, name, owner, plan) VALUES ($1, '春茶', 'li.na', '{}')`, [id]);
  return id;
}

function post(campaignId: string, overrides: Partial<PublishPostInput> = {}): PublishPostInput {
  return {
    campaignId, channelId: 'xhs', adapter: 'sandbox', channelKind: 'xiaohongshu', contentId: 'launch',
    variant: {
      title: '春茶上新', body: '明前龙井, 一口回甘。\n\n#春茶 #龙井', tags: ['#春茶', '#龙井'],
      media: [{ kind: 'image', url: 'https://cdn.example/tea.jpg' }],
    },
    day: 3, phase: 'rollout', effectKey: 'rollout:launch:xhs:1',
    ...overrides,
  };
}

const created = (campaignId: string) => platform.stats().perChannel[`${campaignId}/xhs`];

async function effects(campaignId: string) {
  const { rows } = await pool.query('SELECT effect_key, channel_id, kind, payload FROM channel_effects WHERE campaign_id = $1', [campaignId]);
  return rows;
}

/** What Temporal's retry policy sees: an error it retries (not a non-retryable ApplicationFailure). */
async function retryableFailure(call: Promise<unknown>): Promise<Error> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ChannelUnavailableError);
  expect(err instanceof ApplicationFailure && err.nonRetryable).toBe(false);
  return err as Error;
}

describe('publishPost', () => {
  it('publishes once, sending the campaign-scoped idempotency key, and records the effect', async () => {
    const id = await campaign('pub');
    const outcome = await activities.publishPost(post(id));
    expect(outcome).toEqual({ status: 'published', postId: expect.stringMatching(/^sbx-post-/), created: true });
    expect(created(id)).toMatchObject({ postsCreated: 1, postRepeats: 0 });
    expect(await effects(id)).toEqual([{
      effect_key: 'rollout:launch:xhs:1', channel_id: 'xhs', kind: 'post',
      payload: { postId: (outcome as { postId: string }).postId, contentId: 'launch', day: 3, phase: 'rollout' },
    }]);
  });

  it('does not post twice when the platform posted but the answer was lost, and the retry comes', async () => {
    const id = await campaign('lost');
    platform.setFaults({ failNext: 1, loseResponse: true, routes: ['posts'] });
    await retryableFailure(activities.publishPost(post(id)));
    expect(created(id)).toMatchObject({ postsCreated: 1 });
    expect(await effects(id)).toEqual([]);

    const retry = await activities.publishPost(post(id));
    expect(retry).toMatchObject({ status: 'published', created: false });
    expect(created(id)).toMatchObject({ postsCreated: 1, postRepeats: 1 });
    expect(await effects(id)).toHaveLength(1);
  });

  it('throws a retryable failure on a 503, and the retry publishes', async () => {
    const id = await campaign('outage');
    platform.setFaults({ failNext: 1, status: 503, routes: ['posts'] });
    const err = await retryableFailure(activities.publishPost(post(id)));
    expect(err.message).toContain('the platform answered 503');
    expect(created(id)).toBeUndefined();

    expect(await activities.publishPost(post(id))).toMatchObject({ status: 'published', created: true });
    expect(created(id)).toMatchObject({ postsCreated: 1, postRepeats: 0 });
  });

  it('throws a retryable failure when the platform drops the connection', async () => {
    const id = await campaign('reset');
    platform.setFaults({ failNext: 1, reset: true, routes: ['posts'] });
    await retryableFailure(activities.publishPost(post(id)));
    expect(await activities.publishPost(post(id))).toMatchObject({ status: 'published', created: true });
  });

  it('returns a refusal with the platform\'s message, and records nothing', async () => {
    const id = await campaign('refused');
    const outcome = await activities.publishPost(post(id, {
      variant: { title: '明前龙井春茶上新限时八折优惠活动正在进行中欢迎选购', body: '正文', tags: [], media: [] },
    }));
    expect(outcome).toEqual({
      status: 'rejected', httpStatus: 422,
      message: expect.stringContaining('xiaohongshu titles are at most 20 characters (this one has 25)'),
    });
    expect(await effects(id)).toEqual([]);
    expect(created(id)).toMatchObject({ postsCreated: 0 });
  });

  it('refuses a malformed input without calling the platform', async () => {
    const id = await campaign('bad');
    const err = await activities.publishPost(post(id, { effectKey: '' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ nonRetryable: true, type: 'InvalidInput', message: expect.stringContaining('publishPost effectKey') });
    expect(created(id)).toBeUndefined();
  });
});
