/** The small repositories of the records store: campaigns, decisions, audit, effects, reviews, deliveries. */
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../domain/plan/schema.js';
import type { Review } from '../../domain/review.js';
import { uniqueCampaignId } from '../helpers/plans.js';
import { recordsStoreForTests } from '../helpers/records-store.js';

const db = recordsStoreForTests();
const plan = (id: string) => ({ id, name: '春季新茶', owner: 'li.na', channels: [], closing: { reportLanguages: ['zh-CN', 'en'] } }) as unknown as Plan;

describe('campaigns', () => {
  it('registers a campaign once, closes it with its first summary, and reads its report languages', async () => {
    const campaignId = uniqueCampaignId('register');
    expect(await db.store.campaigns.exists(campaignId)).toBe(false);
    expect(await db.store.campaigns.reportLanguages(campaignId)).toEqual([]);
    await db.store.campaigns.register({ campaignId, plan: plan(campaignId), timeScale: 60 });
    await db.store.campaigns.register({ campaignId, plan: { ...plan(campaignId), name: 'other' }, timeScale: 1 });
    expect(await db.store.campaigns.exists(campaignId)).toBe(true);
    expect(await db.store.campaigns.reportLanguages(campaignId)).toEqual(['zh-CN', 'en']);

    const summary = { closedAt: '2027-04-01T00:00:00.000Z' } as never;
    await db.store.campaigns.close(campaignId, summary);
    await db.store.campaigns.close(campaignId, { closedAt: '2027-05-01T00:00:00.000Z' } as never);
    const { rows } = await db.pool.query(
      'SELECT c.name, c.time_scale, c.phase, s.summary FROM campaigns c JOIN closings s ON s.campaign_id = c.id WHERE c.id = $1', [campaignId],
    );
    expect(rows).toEqual([{ name: '春季新茶', time_scale: 60, phase: 'closed', summary }]);
  });
});

describe('decisions, audit, effects and reviews', () => {
  it('records each once under its key and reads the trail oldest first', async () => {
    const campaignId = uniqueCampaignId('trail');
    await db.store.campaigns.register({ campaignId, plan: plan(campaignId), timeScale: 1 });
    const decision = { round: 1, decision: 'approve', by: 'li.na', at: '2027-03-02T10:00:00.000Z' } as const;
    await db.store.decisions.record(campaignId, 'assets', decision);
    await db.store.decisions.record(campaignId, 'assets', { ...decision, by: 'someone.else' });
    const event = { campaignId, eventKey: 'assets:ready:1', kind: 'readiness', gate: 'assets', actor: 'wang.fang', detail: { ready: true }, at: '2027-03-01T09:00:00.000Z' };
    await db.store.audit.record(event);
    await db.store.audit.record({ ...event, at: '2027-03-05T09:00:00.000Z' });

    expect(await db.store.decisions.keys(campaignId)).toEqual(['assets:1:approve:li.na']);
    expect(await db.store.audit.trail(campaignId)).toEqual([
      { at: '2027-03-01T09:00:00.000Z', kind: 'readiness', gate: 'assets', task: null, actor: 'wang.fang', detail: { ready: true } },
      { at: '2027-03-02T10:00:00.000Z', kind: 'decision', gate: 'assets', task: null, actor: 'li.na', detail: { decision: 'approve', round: 1, comment: null } },
    ]);

    await db.store.effects.record({ campaignId, effectKey: 'post:teaser:weibo:1', channelId: 'weibo', kind: 'post', payload: { postId: 'p1' } });
    await db.store.effects.record({ campaignId, effectKey: 'budget:initial:weibo', channelId: 'weibo', kind: 'budget', payload: { amount: 100 } });
    await db.store.effects.record({ campaignId, effectKey: 'budget:initial:weibo', channelId: 'weibo', kind: 'budget', payload: { amount: 999 } });
    expect(await db.store.effects.list(campaignId)).toEqual([
      { key: 'budget:initial:weibo', kind: 'budget' }, { key: 'post:teaser:weibo:1', kind: 'post' },
    ]);

    const review = (key: string, day: number) => ({ key, period: 'daily', day, changes: [] }) as unknown as Review;
    await db.store.reviews.record(campaignId, review('daily:2', 2));
    await db.store.reviews.record(campaignId, review('daily:1', 1));
    expect(await db.store.reviews.keys(campaignId)).toEqual(['daily:1', 'daily:2']);
    expect(await db.store.reviews.decisions(campaignId)).toEqual([{ key: 'daily:1', day: 1, changes: [] }, { key: 'daily:2', day: 2, changes: [] }]);
  });
});

describe('notification deliveries', () => {
  it('remembers delivered targets and never turns a delivery back into a failure', async () => {
    const campaignId = uniqueCampaignId('deliveries');
    await db.store.campaigns.register({ campaignId, plan: plan(campaignId), timeScale: 1 });
    const key = (personId: string) => ({ campaignId, notificationKey: 'gate:assets:1:waiting', personId, targetIndex: 0 });
    await db.store.deliveries.recordFailed(key('li.na'), 'dingtalk', 3, 'robot answered 500');
    await db.store.deliveries.recordDelivered(key('li.na'), 'dingtalk', 1);
    await db.store.deliveries.recordFailed(key('li.na'), 'dingtalk', 1, 'late failure');
    await db.store.deliveries.recordFailed(key('wang.fang'), 'email', 2, 'no such mailbox');

    expect(await db.store.deliveries.delivered(campaignId, 'gate:assets:1:waiting')).toEqual(new Set(['li.na:0']));
    const { rows } = await db.pool.query(
      'SELECT person_id, status, attempts, last_error FROM notification_deliveries WHERE campaign_id = $1 ORDER BY person_id', [campaignId],
    );
    expect(rows).toEqual([
      { person_id: 'li.na', status: 'delivered', attempts: 4, last_error: null },
      { person_id: 'wang.fang', status: 'failed', attempts: 2, last_error: 'no such mailbox' },
    ]);
  });
});
