import { describe, expect, it } from 'vitest';
import { insertClosedCampaign } from '../helpers/closed-campaign.js';
import { uniqueCampaignId } from '../helpers/plans.js';
import { recordsStoreForTests } from '../helpers/records-store.js';

const db = recordsStoreForTests({ maxConnections: 3 });

describe('reports', () => {
  it('builds a live report for a campaign that has not closed', async () => {
    const campaign = await insertClosedCampaign(db.pool, { id: uniqueCampaignId('live') });
    const status = { ...campaign.status, phase: 'rollout' as const, day: 10, closing: undefined, retrospective: { ...campaign.status.retrospective, signedOff: undefined } };
    const built = await db.store.reports.build(campaign.id, status);
    expect(built.live).toBe(true);
    expect(built.report.campaign.days).toEqual({ fromDay: 1, toDay: 21 });
    await expect(db.store.reports.build('no-such-campaign', status)).rejects.toMatchObject({ type: 'CampaignNotFound', nonRetryable: true });
  });

  it('refuses a campaign whose stored plan cannot be read', async () => {
    const id = uniqueCampaignId('unreadable');
    await db.pool.query(`INSERT INTO campaigns (id, name, owner, plan) VALUES ($1, 'x', 'li.na', '{"id": 1}')`, [id]);
    await expect(db.store.reports.sources(id)).rejects.toMatchObject({ type: 'InvalidPlan', message: expect.stringContaining(`The stored plan of "${id}" cannot be read`) });
  });

  it('stores bodies and the case once, reads them back, and says which languages are stored', async () => {
    const campaign = await insertClosedCampaign(db.pool, { id: uniqueCampaignId('filed') });
    const built = await db.store.reports.build(campaign.id, campaign.status);
    expect(await db.store.reports.languages(campaign.id)).toEqual([]);
    const bodies = [{ lang: 'en', format: 'md' as const, body: '# Report' }, { lang: 'zh-CN', format: 'md' as const, body: '# 报告' }];

    const storedAt = await db.store.reports.file(campaign.id, bodies, built.record);
    expect(await db.store.reports.file(campaign.id, bodies, built.record)).toBe(storedAt);

    expect(await db.store.reports.read(campaign.id, 'zh-CN', 'md')).toEqual({ body: '# 报告', storedAt });
    expect(await db.store.reports.read(campaign.id, 'en', 'html')).toBeUndefined();
    expect(await db.store.reports.languages(campaign.id)).toEqual(['en', 'zh-CN']);
    expect((await db.store.cases.read(campaign.id))?.campaignId).toBe(campaign.id);
  });
});

