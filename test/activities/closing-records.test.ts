import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closingRecordActivities } from '../../activities/closing-records.js';
import { caseSearchSchema } from '../../domain/cases/case-search.js';
import { createPool } from '../../platform/database.js';
import { createLogger } from '../../platform/logger.js';
import { createStore, type RecordsStore } from '../../store/index.js';
import { insertClosedCampaign } from '../helpers/closed-campaign.js';
import { uniqueCampaignId } from '../helpers/plans.js';

let pool: Pool;
let store: RecordsStore;
const log = createLogger({ logLevel: 'warn', prettyLogs: false });

beforeAll(() => {
  pool = createPool(inject('databaseUrl'), { max: 3 });
  store = createStore(pool);
});
afterAll(() => pool?.end());

const ids = async (q: string) => (await store.cases.search(caseSearchSchema.parse({ q }))).map((h) => h.campaignId);

describe('storeCampaignReport', () => {
  it('stores the report in both languages and files a searchable case; a retried call changes nothing', async () => {
    const campaign = await insertClosedCampaign(pool, { id: uniqueCampaignId('closing') });
    const survey = await store.surveys.importFile({
      campaignId: campaign.id, format: 'csv',
      text: 'answer_id,respondent,question,score,out_of,text\na1,r1,品牌认知度,4,5,包装很好看\na2,r2,品牌认知度,3,5,\n',
    });
    expect(survey).toMatchObject({ stored: 2, unchanged: 0, rejected: [] });

    const { storeCampaignReport } = closingRecordActivities({ store, log });
    const first = await storeCampaignReport({ campaignId: campaign.id, status: campaign.status });
    expect(first).toMatchObject({ languages: ['zh-CN', 'en'], caseId: campaign.id });

    const { rows } = await pool.query('SELECT lang, format, created_at FROM campaign_reports WHERE campaign_id = $1 ORDER BY lang, format', [campaign.id]);
    expect(rows.map((r) => `${r.lang}/${r.format}`)).toEqual(['en/html', 'en/json', 'en/md', 'zh-CN/html', 'zh-CN/json', 'zh-CN/md']);

    const zh = (await store.reports.read(campaign.id, 'zh-CN', 'md'))!.body;
    expect(zh).toContain('下次要提前两周备货');
    expect(zh).toContain('包装很好看');
    const html = (await store.reports.read(campaign.id, 'en', 'html'))!.body;
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('<svg');
    const model = JSON.parse((await store.reports.read(campaign.id, 'en', 'json'))!.body);
    expect(model.qualitative.survey).toMatchObject({ respondents: 2, scores: [{ name: '品牌认知度', value: 3.5, outOf: 5 }] });
    // Two mentions on 2 March (Shanghai), one positive and one negative; one neutral on 3 March.
    expect(model.qualitative.sentiment).toEqual([
      { day: 2, positive: 1, neutral: 0, negative: 1, negativeShare: 0.5 },
      { day: 3, positive: 0, neutral: 1, negative: 0, negativeShare: 0 },
    ]);
    expect(model.kpis.find((k: { id: string }) => k.id === 'orders').analysis).toMatchObject({ by: 'li.na', cause: 'execution' });
    expect(model.roi.content.find((c: { contentId: string }) => c.contentId === 'launch-story').posts).toBe(1);

    const record = (await store.cases.read(campaign.id))!;
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

  it('refuses to store the report of a campaign that has not closed', async () => {
    const campaign = await insertClosedCampaign(pool, { id: uniqueCampaignId('open') });
    const status = { ...campaign.status, phase: 'rollout' as const, day: 10, closing: undefined, retrospective: { ...campaign.status.retrospective, signedOff: undefined } };
    await expect(closingRecordActivities({ store, log }).storeCampaignReport({ campaignId: campaign.id, status }))
      .rejects.toMatchObject({ type: 'WrongPhase', nonRetryable: true });
  });
});
