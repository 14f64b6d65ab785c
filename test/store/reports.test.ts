import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool } from '../../platform/database.js';
import { createStore, type RecordsStore } from '../../store/index.js';
import { insertClosedCampaign } from '../helpers/closed-campaign.js';
import { uniqueCampaignId } from '../helpers/plans.js';

let pool: Pool;
let store: RecordsStore;

beforeAll(() => {
  pool = createPool(inject('databaseUrl'), { max: 3 });
  store = createStore(pool);
});
afterAll(() => pool?.end());

describe('reports', () => {
  it('builds a live report for a campaign that has not closed', async () => {
    const campaign = await insertClosedCampaign(pool, { id: uniqueCampaignId('live') });
    const status = { ...campaign.status, phase: 'rollout' as const, day: 10, closing: undefined, retrospective: { ...campaign.status.retrospective, signedOff: undefined } };
    const built = await store.reports.build(campaign.id, status);
    expect(built.live).toBe(true);
    expect(built.report.campaign.days).toEqual({ fromDay: 1, toDay: 21 });
    await expect(store.reports.build('no-such-campaign', status)).rejects.toMatchObject({ type: 'CampaignNotFound', nonRetryable: true });
  });

  it('refuses a campaign whose stored plan cannot be read', async () => {
    const id = uniqueCampaignId('unreadable');
    await pool.query(`INSERT INTO campaigns (id, name, owner, plan) VALUES ($1, 'x', 'li.na', '{"id": 1}')`, [id]);
    await expect(store.reports.sources(id)).rejects.toMatchObject({ type: 'InvalidPlan', message: expect.stringContaining(`The stored plan of "${id}" cannot be read`) });
  });

  it('stores bodies and the case once, reads them back, and says which languages are stored', async () => {
    const campaign = await insertClosedCampaign(pool, { id: uniqueCampaignId('filed') });
    const built = await store.reports.build(campaign.id, campaign.status);
    expect(await store.reports.languages(campaign.id)).toEqual([]);
    const bodies = [{ lang: 'en', format: 'md' as const, body: '# Report' }, { lang: 'zh-CN', format: 'md' as const, body: '# 报告' }];

    const storedAt = await store.reports.file(campaign.id, bodies, built.record);
    expect(await store.reports.file(campaign.id, bodies, built.record)).toBe(storedAt);

    expect(await store.reports.read(campaign.id, 'zh-CN', 'md')).toEqual({ body: '# 报告', storedAt });
    expect(await store.reports.read(campaign.id, 'en', 'html')).toBeUndefined();
    expect(await store.reports.languages(campaign.id)).toEqual(['en', 'zh-CN']);
    expect((await store.cases.read(campaign.id))?.campaignId).toBe(campaign.id);
  });
});

