/**
 * The API signs for the person of each token: a campaign started through a server with a keyring
 * requires signatures, decisions through it carry the server's proof and are recorded with the
 * token they came with, and a server without the campaign's key is refused, naming why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignStatus } from '../../client/campaigns.js';
import { newSigningKey, signerFrom, verifyingKeyOf } from '../../client/signing.js';
import { eventually } from '../helpers/campaign-env.js';
import { rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';
import { apiTestEnv, problemType, type ApiServerUnderTest, type ApiTestEnv } from './api-env.js';

let api: ApiTestEnv;
let signing: ApiServerUnderTest;
const serviceKey = newSigningKey({ keyId: 'api-test', persons: '*' });

beforeAll(async () => {
  api = await apiTestEnv('api-signed');
  signing = await api.server({
    signer: signerFrom(serviceKey), trustedKeys: [verifyingKeyOf(serviceKey)],
    rateLimit: { perMinute: 10_000 }, unauthenticatedRateLimit: { perMinute: 10_000 },
  });
});
afterAll(() => api?.stop());

describe('signed decisions through the API', () => {
  it('starts signed campaigns, signs each decision for the token\'s person, and records the token', async () => {
    const [ops, chen] = await Promise.all([api.token('zhao.lei', 'ops'), api.token('chen.jing', 'approver')]);
    const id = uniqueCampaignId('signed-api');
    const started = await signing.call('POST', '/v1/campaigns', { token: ops, json: { plan: rehearsalPlan(), id, timeScale: 1440 } });
    expect(started.status, started.text).toBe(201);
    expect(started.body.trustedKeys).toEqual(['api-test']);
    const status = await eventually(async () => {
      const s = await campaignStatus(api.env, id);
      return s.gates.length ? s : undefined;
    }, 'the gates');
    expect(status.signing).toEqual({ required: true, keys: [{ keyId: 'api-test', persons: '*' }] });

    // The file's main server has no signing key: the campaign refuses what it sends.
    const unsigned = await api.call('POST', `/v1/campaigns/${id}/gates/channels-ready/decisions`, { token: chen, json: { decision: 'approve' } });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.type).toBe(problemType('signature-refused'));
    expect(unsigned.body.detail).toContain('carries no signature');

    const decided = await signing.call('POST', `/v1/campaigns/${id}/gates/channels-ready/decisions`, { token: chen, json: { decision: 'approve' } });
    expect(decided.status, decided.text).toBe(200);
    const me = await signing.call('GET', '/v1/me', { token: chen });
    const record = await eventually(async () => {
      const trail = await api.env.store.audit.trail(id);
      return trail.find((e) => e.kind === 'decision' && e.gate === 'channels-ready');
    }, 'the decision record');
    expect(record).toMatchObject({ actor: 'chen.jing', detail: { origin: { path: 'api', tokenId: me.body.tokenId }, signedWith: 'api-test' } });
    const refused = await eventually(async () => (await api.env.store.audit.trail(id)).find((e) => e.kind === 'refused'), 'the refused attempt');
    expect(refused).toMatchObject({ actor: 'chen.jing' });
  });
});
