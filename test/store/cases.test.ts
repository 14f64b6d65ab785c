import { describe, expect, it } from 'vitest';
import { caseSearchSchema } from '../../domain/cases/case-search.js';
import { insertClosedCampaign } from '../helpers/closed-campaign.js';
import { closingPlan } from '../domain/report/closing-fixture.js';
import { uniqueCampaignId } from '../helpers/plans.js';
import { recordsStoreForTests } from '../helpers/records-store.js';

const db = recordsStoreForTests({ maxConnections: 3 });

const search = (q: string, filters: Record<string, string> = {}) => db.store.cases.search(caseSearchSchema.parse({ q, ...filters }));
const ids = async (q: string, filters: Record<string, string> = {}) => (await search(q, filters)).map((h) => h.campaignId);

describe('case library', () => {
  /** A closed campaign filed as a case, the way the closing files it. */
  const file = async (id: string, opts: Parameters<typeof insertClosedCampaign>[1] extends infer O ? Partial<O> : never) => {
    const campaign = await insertClosedCampaign(db.pool, { id, ...opts });
    const built = await db.store.reports.build(campaign.id, campaign.status);
    await db.store.cases.file(built.record);
    return campaign.id;
  };

  it('finds Chinese phrases whose words stand apart, English words by prefix, and filters by kind, strategy and date', async () => {
    const tea = await file(uniqueCampaignId('tea'), { closedAt: '2027-04-20T10:00:00.000Z' });
    const webinar = await file(uniqueCampaignId('webinar'), {
      closedAt: '2027-09-01T10:00:00.000Z',
      plan: {
        name: 'B2B webinar series', strategy: { core: 'paid', summary: 'Lead generation through search and EDM' },
        channels: [
          { id: 'baidu', name: 'Search', kind: 'baidu-sem', budget: { initial: 40_000, min: 10_000, max: 60_000 } },
          { id: 'weibo', name: 'Weibo', kind: 'weibo', budget: { initial: 60_000, min: 10_000, max: 90_000 } },
        ],
        content: [], pilot: undefined,
      },
      answers: [{ person: 'li.na', worked: ['Speaker rehearsals the day before'], didNot: [{ what: 'Invitations went out late', rootCause: 'no owner for the EDM list' }], lessons: [{ text: 'Stock up giveaways two weeks earlier', skills: ['logistics'] }] }],
    });

    expect(await ids('提前备货')).toContain(tea);
    expect(await ids('要提前备货')).toContain(tea);
    expect(await ids('提前备货')).not.toContain(webinar);
    expect(await ids('推迟备货')).not.toContain(tea);
    expect(await ids('春季新茶')).toContain(tea);
    expect(await ids('茶')).toContain(tea);

    expect(await ids('giveaway stock')).toEqual(expect.arrayContaining([webinar]));
    expect(await ids('giveaway stock')).not.toContain(tea);
    expect(await ids('INVITATIONS late')).toContain(webinar);
    const hit = (await search('stock giveaways')).find((h) => h.campaignId === webinar)!;
    expect(hit).toMatchObject({ title: 'B2B webinar series', strategy: 'paid', channelKinds: ['baidu-sem', 'weibo'], highlights: ['Stock up giveaways two weeks earlier'] });

    expect(await ids('baidu', { kind: 'weibo' })).toContain(webinar);
    expect(await ids('baidu', { kind: 'weibo' })).not.toContain(tea);
    expect(await ids('baidu', { strategy: 'content' })).toContain(tea);
    expect(await ids('baidu', { strategy: 'content' })).not.toContain(webinar);
    expect(await ids('baidu', { since: '2027-05-01' })).not.toContain(tea);
    expect(await ids('baidu', { since: '2027-05-01', until: '2027-09-01' })).toContain(webinar);
    expect(await ids('baidu', { until: '2027-08-31' })).not.toContain(webinar);
  });

  it('refuses searches with nothing to look for, with the field named', () => {
    expect(caseSearchSchema.safeParse({ q: '、、、' }).error?.issues[0]).toMatchObject({ path: ['q'] });
    expect(caseSearchSchema.safeParse({ q: 'tea', kind: 'tiktok' }).error?.issues[0]).toMatchObject({ path: ['kind'] });
    expect(caseSearchSchema.safeParse({ q: 'tea', since: '2027-05-01', until: '2027-04-01' }).error?.issues[0]).toMatchObject({ path: ['since'] });
    expect(caseSearchSchema.safeParse({ q: 'tea', since: '2027-13-01' }).error?.issues[0]).toMatchObject({ path: ['since'], message: 'that day is not on the calendar' });
  });
});

describe('rehearsals in the case library', () => {
  const file = async (id: string, opts: { rehearsal?: boolean; timeScale?: number } = {}) => {
    const campaign = await insertClosedCampaign(db.pool, { id, ...opts });
    const built = await db.store.reports.build(campaign.id, campaign.status);
    await db.store.cases.file(built.record);
    return campaign;
  };

  it('leaves rehearsals out of searches unless asked, and marks them when asked', async () => {
    const real = (await file(uniqueCampaignId('real-tea'))).id;
    const rehearsed = (await file(uniqueCampaignId('rehearsed-tea'), { rehearsal: true, timeScale: 1440 })).id;

    expect(await ids('提前备货')).toContain(real);
    expect(await ids('提前备货')).not.toContain(rehearsed);

    const all = await db.store.cases.search(caseSearchSchema.parse({ q: '提前备货', includeRehearsals: 'true' }));
    expect(all.find((h) => h.campaignId === real)).toMatchObject({ rehearsal: false });
    expect(all.find((h) => h.campaignId === rehearsed)).toMatchObject({ rehearsal: true });
  });

  it('reads a rehearsal\'s case with why it was one, from its campaign row, and a real case without', async () => {
    const rehearsed = await file(uniqueCampaignId('rehearsed-read'), { rehearsal: true, timeScale: 1440 });
    const channels = rehearsed.plan.channels.map((c) => c.id);
    expect((await db.store.cases.read(rehearsed.id))?.rehearsal).toEqual({ timeScale: 1440, sandboxChannels: channels });
    // The stored report opens with it, in the plan's languages.
    const report = await db.store.reports.build(rehearsed.id, rehearsed.status);
    expect(report.report.campaign.rehearsal).toEqual({ timeScale: 1440, sandboxChannels: channels });

    const real = (await file(uniqueCampaignId('real-read'))).id;
    expect((await db.store.cases.read(real))?.rehearsal).toBeUndefined();
  });

  it('decides the flag when a campaign registers: other time scales and sandbox channels make a rehearsal', async () => {
    const [sandboxed, compressed, bridged] = [uniqueCampaignId('reg-sandbox'), uniqueCampaignId('reg-scale'), uniqueCampaignId('reg-webhook')];
    const onWebhook = closingPlan({ id: bridged }).channels.map((c) => ({ ...c, adapter: 'webhook' as const, url: 'https://bridge.example.com/c' }));
    await db.store.campaigns.register({ campaignId: sandboxed, plan: closingPlan({ id: sandboxed }), timeScale: 1 });
    await db.store.campaigns.register({ campaignId: compressed, plan: { ...closingPlan({ id: compressed }), channels: onWebhook }, timeScale: 60 });
    await db.store.campaigns.register({ campaignId: bridged, plan: { ...closingPlan({ id: bridged }), channels: onWebhook }, timeScale: 1 });

    const flags = await db.store.campaigns.rehearsals([sandboxed, compressed, bridged, 'never-registered']);
    expect(flags.get(sandboxed)).toEqual({ sandboxChannels: closingPlan({ id: sandboxed }).channels.map((c) => c.id) });
    expect(flags.get(compressed)).toEqual({ timeScale: 60, sandboxChannels: [] });
    expect(flags.get(bridged)).toBeNull();
    expect(flags.has('never-registered')).toBe(false);
  });
});
