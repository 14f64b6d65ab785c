import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { ErrorType } from '../../domain/errors.js';
import { insertCampaign, recordsStoreForTests } from '../helpers/records-store.js';

const db = recordsStoreForTests();

/**
 * A campaign row as the workflow registers it. Started at 16:30 UTC on 9 March, which is already
 * 10 March in Shanghai: dates must be read in the plan's timezone.
 */
function campaign(prefix: string): Promise<string> {
  return insertCampaign(db.pool, prefix, {
    name: 'Metrics test', startedAt: '2027-03-09T16:30:00Z',
    plan: { timezone: 'Asia/Shanghai', channels: [{ id: 'douyin' }, { id: 'xiaohongshu' }, { id: 'wechat' }] },
  });
}

function source(name: string): string {
  return `${name}-${Math.random().toString(36).slice(2, 8)}`;
}

async function stored(campaignId: string) {
  const { rows } = await db.pool.query(
    `SELECT channel_id, day, source, record_id, clicks, uv, pv, likes, comments, shares, saves, orders, signups, inquiries,
            spend, revenue
       FROM metric_observations WHERE campaign_id = $1 ORDER BY record_id`,
    [campaignId],
  );
  return rows;
}

const CSV = [
  'channel,date,record_id,clicks,uv,pv,likes,comments,shares,saves,orders,signups,inquiries,spend,revenue,note',
  'douyin,2027-03-10,dy-1,3400,2900,5100,860,120,75,210,41,3,2,1234.5,6150,春季新茶 首发',
  'douyin,2027-03-12,dy-2,3100,2600,4800,700,90,60,180,35,1,0,1180,5250,',
].join('\n');

describe('metrics file import', () => {
  it('stores every metric of each row once, with dates read in the plan timezone, and is idempotent', async () => {
    const campaignId = await campaign('import');
    const src = source('douyin-export');
    const first = await db.store.metrics.importFile({ campaignId, source: src, fileName: 'export.csv', text: CSV });
    expect(first).toEqual({ campaignId, source: src, format: 'csv', inserted: 2, duplicates: 0, rejected: [], rejectedTotal: 0, rejectedLines: 0, rejectedReasons: [] });
    expect(await stored(campaignId)).toEqual([
      {
        channel_id: 'douyin', day: 1, source: src, record_id: 'dy-1', clicks: 3400, uv: 2900, pv: 5100, likes: 860, comments: 120,
        shares: 75, saves: 210, orders: 41, signups: 3, inquiries: 2, spend: 1234.5, revenue: 6150,
      },
      expect.objectContaining({ record_id: 'dy-2', day: 3, likes: 700, spend: 1180 }),
    ]);

    const again = await db.store.metrics.importFile({ campaignId, source: src, fileName: 'export.csv', text: CSV });
    expect(again).toMatchObject({ inserted: 0, duplicates: 2, rejected: [] });
    expect(await stored(campaignId)).toHaveLength(2);
  });

  it('imports the good rows of a file with bad ones and reports the bad ones by line and field', async () => {
    const campaignId = await campaign('partial');
    const text = [
      '{"channel":"xiaohongshu","day":1,"record_id":"x-1","likes":300,"saves":120,"spend":600}',
      '{"channel":"xiaohongshu","day":2,"record_id":"x-2","likes":-1}',
      '{"channel":"xiaohongsu","day":2,"record_id":"x-3"}',
      '{"channel":"xiaohongshu","day":3,"record_id":"x-4","uv":"800"}',
    ].join('\n');
    const report = await db.store.metrics.importFile({ campaignId, source: source('warehouse'), fileName: 'rows.ndjson', text });
    expect(report).toMatchObject({ format: 'ndjson', inserted: 2, duplicates: 0 });
    expect(report.rejected).toEqual([
      { line: 2, field: 'likes', message: 'likes -1 must not be negative' },
      { line: 3, field: 'channel', message: 'unknown channel "xiaohongsu" for this campaign; did you mean "xiaohongshu"?' },
    ]);
    expect((await stored(campaignId)).map((r) => r.record_id)).toEqual(['x-1', 'x-4']);
  });

  it('keeps what a source delivered first and rejects a changed record, naming the change', async () => {
    const campaignId = await campaign('changed');
    const src = source('douyin-export');
    await db.store.metrics.importFile({ campaignId, source: src, fileName: 'a.csv', text: 'channel,day,record_id,orders\ndouyin,1,r1,10\n' });
    const changed = await db.store.metrics.importFile({
      campaignId, source: src, fileName: 'b.csv', text: 'channel,day,record_id,orders\ndouyin,1,r1,12\ndouyin,2,r2,4\n',
    });
    expect(changed).toMatchObject({ inserted: 1, duplicates: 0 });
    expect(changed.rejected).toEqual([{
      line: 2, field: 'record_id', message: 'record_id "r1" was imported before with other values (orders 10 → 12); the stored values stand',
    }]);
    expect((await stored(campaignId)).map((r) => [r.record_id, r.orders])).toEqual([['r1', 10], ['r2', 4]]);
  });

  it("refuses a record id its source already used for another campaign", async () => {
    const [first, second] = [await campaign('owner'), await campaign('other')];
    const src = source('shared');
    const text = 'channel,day,record_id,clicks\ndouyin,1,same-id,5\n';
    await db.store.metrics.importFile({ campaignId: first, source: src, fileName: 'a.csv', text });
    const report = await db.store.metrics.importFile({ campaignId: second, source: src, fileName: 'a.csv', text });
    expect(report.inserted).toBe(0);
    expect(report.rejected[0]?.message).toContain(`already stored for campaign "${first}"`);
    expect(await stored(second)).toEqual([]);
  });

  it('imports nothing when the header cannot be trusted', async () => {
    const campaignId = await campaign('header');
    const report = await db.store.metrics.importFile({
      campaignId, source: source('x'), fileName: 'a.csv', text: 'channel,day,record_id,revenu\ndouyin,1,a,5\n',
    });
    expect(report).toMatchObject({ inserted: 0, rejected: [{ line: 1, field: 'revenu', message: 'unknown column "revenu"; did you mean "revenue"?' }] });
    expect(await stored(campaignId)).toEqual([]);
  });

  it('refuses an unknown campaign and a blank source as invalid input', async () => {
    const unknown = db.store.metrics.importFile({ campaignId: 'no-such-campaign', source: 'import', fileName: 'a.csv', text: CSV });
    await expect(unknown).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(unknown).rejects.toMatchObject({ type: ErrorType.InvalidInput, message: expect.stringContaining('no campaign "no-such-campaign"') });
    const blank = db.store.metrics.importFile({ campaignId: 'x', source: ' ', fileName: 'a.csv', text: CSV });
    await expect(blank).rejects.toMatchObject({ type: ErrorType.InvalidInput });
  });
});

describe('metrics file import, large files', () => {
  it('answers a file of 100,000 bad rows with the first thousand problems and counts of all of them', async () => {
    const campaignId = await campaign('many-bad');
    const bad = Array.from({ length: 100_000 }, (_, i) => `${i % 4 === 0 ? 'tiktok' : 'douyin'},${(i % 30) + 1},r-${i},-1`);
    const text = ['channel,day,record_id,clicks', 'douyin,1,good,5', ...bad].join('\n');
    const report = await db.store.metrics.importFile({ campaignId, source: source('big'), fileName: 'big.csv', text });
    expect(report).toMatchObject({ inserted: 1, rejectedTotal: 125_000, rejectedLines: 100_000 });
    expect(report.rejected).toHaveLength(1_000);
    expect(report.rejected[0]).toEqual({ line: 3, field: 'channel', message: expect.stringContaining('unknown channel "tiktok"') });
    expect(report.rejected[1]).toEqual({ line: 3, field: 'clicks', message: 'clicks -1 must not be negative' });
    expect(report.rejectedReasons).toEqual([
      { kind: 'field', field: 'clicks', count: 100_000, firstLine: 3, example: 'clicks -1 must not be negative' },
      { kind: 'field', field: 'channel', count: 25_000, firstLine: 3, example: expect.stringContaining('unknown channel "tiktok"') },
    ]);
    // The answer to send back stays the size of its cap.
    expect(JSON.stringify(report).length).toBeLessThan(200_000);
    expect(await stored(campaignId)).toHaveLength(1);
  });

  it('counts every row refused while storing, and lists the first thousand', async () => {
    const campaignId = await campaign('refused');
    const src = source('revised');
    const file = (clicks: number) => ['channel,day,record_id,clicks', ...Array.from({ length: 2_500 }, (_, i) => `douyin,${(i % 30) + 1},v-${i},${clicks}`)].join('\n');
    await db.store.metrics.importFile({ campaignId, source: src, fileName: 'v.csv', text: file(1) });
    const revised = await db.store.metrics.importFile({ campaignId, source: src, fileName: 'v.csv', text: file(2) });
    expect(revised).toMatchObject({ inserted: 0, duplicates: 0, rejectedTotal: 2_500, rejectedLines: 2_500 });
    expect(revised.rejected).toHaveLength(1_000);
    expect(revised.rejected[0]).toMatchObject({ line: 2, field: 'record_id', message: expect.stringContaining('clicks 1 → 2') });
    expect(revised.rejectedReasons).toEqual([{ kind: 'field', field: 'record_id', count: 2_500, firstLine: 2, example: revised.rejected[0]!.message }]);
  });

  it('writes files of more than one batch in one go, and a second import finds them all', async () => {
    const campaignId = await campaign('batches');
    const src = source('warehouse');
    const text = ['channel,day,record_id,orders', ...Array.from({ length: 2_500 }, (_, i) => `wechat,${(i % 30) + 1},w-${i},${i % 7}`)].join('\n');
    expect(await db.store.metrics.importFile({ campaignId, source: src, fileName: 'w.csv', text }))
      .toMatchObject({ inserted: 2_500, duplicates: 0, rejected: [] });
    expect(await db.store.metrics.importFile({ campaignId, source: src, fileName: 'w.csv', text }))
      .toMatchObject({ inserted: 0, duplicates: 2_500, rejected: [] });
    expect(await db.store.metrics.count(campaignId)).toBe(2_500);
  });
});

describe('platform reports', () => {
  it('keeps the first report of a record id, and sums periods with zeros for channels without data', async () => {
    const campaignId = await campaign('reports');
    const day = { campaignId, channelId: 'douyin', day: 2, source: 'sandbox', recordId: `rep-${campaignId}`, impressions: 100, clicks: 10, uv: 8, orders: 2, spend: 50.5, revenue: 300 };
    expect(await db.store.metrics.recordReport(day)).toBe(true);
    expect(await db.store.metrics.recordReport({ ...day, orders: 9 })).toBe(false);
    expect(await db.store.metrics.periodSums({ campaignId, channelIds: ['douyin', 'wechat'], fromDay: 1, toDay: 3 })).toEqual([
      { channelId: 'douyin', impressions: 100, clicks: 10, uv: 8, orders: 2, spend: 50.5, revenue: 300 },
      { channelId: 'wechat', impressions: 0, clicks: 0, uv: 0, orders: 0, spend: 0, revenue: 0 },
    ]);
  });
});

describe('channel days', () => {
  it('adds sources up per channel and day, leaves days without data out, and keeps the order asked', async () => {
    const campaignId = await campaign('days');
    const text = (prefix: string, clicks: number) => [
      'channel,day,record_id,clicks,likes,spend',
      `douyin,1,${prefix}-d1,${clicks},1,0.1`,
      `douyin,3,${prefix}-d3,${clicks},2,0.2`,
      `wechat,2,${prefix}-w2,${clicks},3,10`,
      `xiaohongshu,2,${prefix}-x2,${clicks},4,5`,
    ].join('\n');
    await db.store.metrics.importFile({ campaignId, source: source('platform'), fileName: 'a.csv', text: text('p', 10) });
    await db.store.metrics.importFile({ campaignId, source: source('warehouse'), fileName: 'b.csv', text: text('w', 5) });

    const days = await db.store.metrics.channelDays({ campaignId, channelIds: ['wechat', 'douyin'], fromDay: 1, toDay: 2 });
    expect(days.map((d) => [d.channelId, d.day, d.clicks, d.likes, d.spend, d.orders])).toEqual([
      ['wechat', 2, 15, 6, 20, 0],
      ['douyin', 1, 15, 2, 0.2, 0],
    ]);
    expect(Object.keys(days[0]!).sort()).toEqual([
      'channelId', 'clicks', 'comments', 'day', 'impressions', 'inquiries', 'likes', 'orders', 'pv', 'revenue', 'saves',
      'shares', 'signups', 'spend', 'uv',
    ]);
    expect(await db.store.metrics.channelDays({ campaignId, channelIds: ['douyin'], fromDay: 4, toDay: 9 })).toEqual([]);
  });
});
