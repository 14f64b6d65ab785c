import { describe, expect, it } from 'vitest';
import { insertCampaign, recordsStoreForTests } from '../helpers/records-store.js';

const db = recordsStoreForTests();
const campaign = (prefix: string) => insertCampaign(db.pool, prefix);

const HEADER = 'answer_id,respondent,question,score,out_of,text';

describe('survey file import', () => {
  it('stores each answer, leaves an unchanged one alone, and replaces one sent again with other content', async () => {
    const campaignId = await campaign('survey');
    const text = `${HEADER}\na1,r1,品牌认知度,4,5,包装很好看\na2,r2,品牌认知度,3,5,\n`;
    expect(await db.store.surveys.importFile({ campaignId, format: 'csv', text }))
      .toEqual({ campaignId, format: 'csv', source: 'import', stored: 2, unchanged: 0, rejected: [], rejectedTotal: 0, rejectedLines: 0, rejectedReasons: [] });
    expect(await db.store.surveys.importFile({ campaignId, format: 'csv', text, source: 'wjx-export' }))
      .toMatchObject({ source: 'wjx-export', stored: 0, unchanged: 2 });

    const changed = await db.store.surveys.importFile({ campaignId, format: 'ndjson', text: '{"answerId":"a2","question":"品牌认知度","score":5,"outOf":5}\n' });
    expect(changed).toMatchObject({ stored: 1, unchanged: 0, rejected: [] });
    expect(await db.store.surveys.answers(campaignId)).toEqual([
      { answerId: 'a1', respondent: 'r1', question: '品牌认知度', score: 4, outOf: 5, text: '包装很好看' },
      { answerId: 'a2', respondent: null, question: '品牌认知度', score: 5, outOf: 5, text: null },
    ]);
  });

  it('lists the lines it did not take and stores every other answer', async () => {
    const campaignId = await campaign('survey-bad');
    const report = await db.store.surveys.importFile({ campaignId, format: 'csv', text: `${HEADER}\na1,r1,NPS,9,10,\na2,r2,NPS,12,10,\n` });
    expect(report).toMatchObject({ stored: 1, rejected: [{ line: 3, field: 'score', message: 'score is above out_of' }] });
  });

  it('refuses a campaign that is not in the records', async () => {
    await expect(db.store.surveys.importFile({ campaignId: 'no-such-campaign', format: 'csv', text: HEADER }))
      .rejects.toMatchObject({ type: 'CampaignNotFound', message: 'There is no campaign "no-such-campaign" in the records.' });
  });
});
