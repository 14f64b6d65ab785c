/** The case library over the API keeps rehearsals out unless asked, as the CLI does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closingRecordActivities } from '../../activities/closing-records.js';
import { testLog } from '../helpers/campaign-env.js';
import { insertClosedCampaign } from '../helpers/closed-campaign.js';
import { uniqueCampaignId } from '../helpers/plans.js';
import { apiTestEnv, problemType, type ApiTestEnv } from './api-env.js';

let api: ApiTestEnv;
let manager = '';
let real = '';
let rehearsal = '';

beforeAll(async () => {
  api = await apiTestEnv('api-cases');
  manager = await api.token('zhou.min', 'manager');
  const closing = closingRecordActivities({ store: api.env.store, log: testLog });
  for (const [prefix, opts] of [['api-real', {}], ['api-rehearsal', { timeScale: 1440, rehearsal: true }]] as const) {
    const campaign = await insertClosedCampaign(api.env.pool, { id: uniqueCampaignId(prefix), ...opts });
    await closing.storeCampaignReport({ campaignId: campaign.id, status: campaign.status });
    if (prefix === 'api-real') real = campaign.id;
    else rehearsal = campaign.id;
  }
});
afterAll(() => api?.stop());

describe('the case library over the API', () => {
  it('searches real cases only, unless includeRehearsals=true', async () => {
    const found = await api.call('GET', `/v1/cases?q=${encodeURIComponent('提前备货')}`, { token: manager });
    expect(found.status).toBe(200);
    const ids = found.body.cases.map((c: { campaignId: string }) => c.campaignId);
    expect(ids).toContain(real);
    expect(ids).not.toContain(rehearsal);

    const all = await api.call('GET', `/v1/cases?q=${encodeURIComponent('提前备货')}&includeRehearsals=true`, { token: manager });
    expect(all.body.cases.find((c: { campaignId: string }) => c.campaignId === rehearsal)).toMatchObject({ rehearsal: true });

    const bad = await api.call('GET', '/v1/cases?q=tea&includeRehearsals=yes', { token: manager });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.includeRehearsals' })]);
  });

  it('refuses a rehearsal as a plan draft\'s source unless includeRehearsals=true, and warns in the draft then', async () => {
    const refused = await api.call('GET', `/v1/cases/${rehearsal}/plan-draft`, { token: manager });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: problemType('rehearsal-case') });
    expect(refused.body.detail).toContain(`Case "${rehearsal}" is a rehearsal`);

    const draft = await api.call('GET', `/v1/cases/${rehearsal}/plan-draft?includeRehearsals=true&lang=en`, { token: manager });
    expect(draft.status).toBe(200);
    expect(draft.body.suggestions[0]).toMatchObject({ kind: 'rehearsal', path: 'channels' });
    expect(draft.body.yaml).toMatch(/^# !!! case:\S+ was a REHEARSAL\./);

    const fromReal = await api.call('GET', `/v1/cases/${real}/plan-draft`, { token: manager });
    expect(fromReal.status).toBe(200);
    expect(fromReal.body.yaml).not.toContain('REHEARSAL');
  });
});
