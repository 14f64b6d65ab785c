import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importSurvey, readCase, readStoredReport, searchCases } from '../../activities/case-library.js';
import { buildReportFor, closingRecordActivities } from '../../activities/closing-records.js';
import { caseSearchSchema } from '../../domain/cases/case-search.js';
import { createPool } from '../../platform/database.js';
import { createLogger } from '../../platform/logger.js';
import { insertClosedCampaign } from '../helpers/closed-campaign.js';
import { uniqueCampaignId } from '../helpers/plans.js';

let pool: Pool;
const log = createLogger({ logLevel: 'warn', prettyLogs: false });

beforeAll(() => {
  pool = createPool(inject('databaseUrl'), { max: 3 });
});
afterAll(() => pool?.end());

const search = (q: string, filters: Record<string, string> = {}) => searchCases(pool, caseSearchSchema.parse({ q, ...filters }));
const ids = async (q: string, filters: Record<string, string> = {}) => (await search(q, filters)).map((h) => h.campaignId);

describe('storeCampaignReport', () => {
  it('stores the report in both languages and files a searchable case; a retried call changes nothing', async () => {
    const campaign = await insertClosedCampaign(pool, { id: uniqueCampaignId('closing') });
    const survey = await importSurvey(pool, {
      campaignId: campaign.id, format: 'csv',
      text: 'answer_id,respondent,question,score,out_of,text\na1,r1,品牌认知度,4,5,包装很好看\na2,r2,品牌认知度,3,5,\n',
    });
    expect(survey).toMatchObject({ stored: 2, unchanged: 0, rejected: [] });

    const { storeCampaignReport } = closingRecordActivities({ pool, log });
    const first = await storeCampaignReport({ campaignId: campaign.id, status: campaign.status });
    expect(first).toMatchObject({ languages: ['zh-CN', 'en'], caseId: campaign.id });

    const { rows } = await pool.query('SELECT lang, format, created_at FROM campaign_reports WHERE campaign_id = $1 ORDER BY lang, format', [campaign.id]);
    expect(rows.map((r) => `${r.lang}/${r.format}`)).toEqual(['en/html', 'en/json', 'en/md', 'zh-CN/html', 'zh-CN/json', 'zh-CN/md']);

    const zh = (await readStoredReport(pool, campaign.id, 'zh-CN', 'md'))!.body;
    expect(zh).toContain('下次要提前两周备货');
    expect(zh).toContain('包装很好看');
    const html = (await readStoredReport(pool, campaign.id, 'en', 'html'))!.body;
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('<svg');
    const model = JSON.parse((await readStoredReport(pool, campaign.id, 'en', 'json'))!.body);
    expect(model.qualitative.survey).toMatchObject({ respondents: 2, scores: [{ name: '品牌认知度', value: 3.5, outOf: 5 }] });
    // Two mentions on 2 March (Shanghai), one positive and one negative; one neutral on 3 March.
    expect(model.qualitative.sentiment).toEqual([
      { day: 2, positive: 1, neutral: 0, negative: 1, negativeShare: 0.5 },
      { day: 3, positive: 0, neutral: 1, negative: 0, negativeShare: 0 },
    ]);
    expect(model.kpis.find((k: { id: string }) => k.id === 'orders').analysis).toMatchObject({ by: 'li.na', cause: 'execution' });
    expect(model.roi.content.find((c: { contentId: string }) => c.contentId === 'launch-story').posts).toBe(1);

    const record = (await readCase(pool, campaign.id))!;
    expect(record.timeline.pilot).toMatchObject({ status: 'go', decisions: [{ decision: 'go', by: 'li.na' }] });
    expect(record.timeline.budgetMoves).toHaveLength(2);
    expect(record.retrospective.answers[0]!.lessons[0]!.text).toBe('下次要提前两周备货');
    const caseRow = await pool.query('SELECT updated_at FROM cases WHERE campaign_id = $1', [campaign.id]);

    const again = await storeCampaignReport({ campaignId: campaign.id, status: campaign.status });
    expect(again).toEqual(first);
    const after = await pool.query('SELECT lang, format, created_at FROM campaign_reports WHERE campaign_id = $1 ORDER BY lang, format', [campaign.id]);
    expect(after.rows).toEqual(rows);
    expect((await pool.query('SELECT updated_at FROM cases WHERE campaign_id = $1', [campaign.id])).rows).toEqual(caseRow.rows);

    expect(await ids('提前备货')).toContain(campaign.id);
    expect(await ids('品牌规范')).toContain(campaign.id);
  });

  it('builds a live report for a campaign that has not closed', async () => {
    const campaign = await insertClosedCampaign(pool, { id: uniqueCampaignId('live') });
    const status = { ...campaign.status, phase: 'rollout' as const, day: 10, closing: undefined, retrospective: { ...campaign.status.retrospective, signedOff: undefined } };
    const built = await buildReportFor(pool, campaign.id, status);
    expect(built.live).toBe(true);
    expect(built.report.campaign.days).toEqual({ fromDay: 1, toDay: 21 });
    await expect(closingRecordActivities({ pool, log }).storeCampaignReport({ campaignId: campaign.id, status }))
      .rejects.toMatchObject({ type: 'WrongPhase' });
    await expect(buildReportFor(pool, 'no-such-campaign', status)).rejects.toMatchObject({ type: 'CampaignNotFound' });
  });
});

describe('case library search', () => {
  const store = async (id: string, opts: Parameters<typeof insertClosedCampaign>[1] extends infer O ? Partial<O> : never) => {
    const campaign = await insertClosedCampaign(pool, { id, ...opts });
    await closingRecordActivities({ pool, log }).storeCampaignReport({ campaignId: campaign.id, status: campaign.status });
    return campaign.id;
  };

  it('finds Chinese phrases whose words stand apart, English words by prefix, and filters by kind, strategy and date', async () => {
    const tea = await store(uniqueCampaignId('tea'), { closedAt: '2027-04-20T10:00:00.000Z' });
    const webinar = await store(uniqueCampaignId('webinar'), {
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
