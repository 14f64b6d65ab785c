import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { insertCampaign, recordsStoreForTests } from '../helpers/records-store.js';

const db = recordsStoreForTests();
const campaign = (prefix: string) => insertCampaign(db.pool, prefix, { plan: { channels: [{ id: 'weibo' }, { id: 'xiaohongshu' }] } });

const line = (item: Record<string, unknown>) => JSON.stringify(item);
const at = (minutes: number) => new Date(Date.parse('2027-03-10T12:00:00Z') + minutes * 60_000).toISOString();

describe('interactions file import', () => {
  it('stores each item once with its sentiment score, and re-importing adds nothing', async () => {
    const campaignId = await campaign('ix');
    const text = [
      line({ id: 'c1', channel: 'weibo', author: '茶友', text: '太好喝了！强烈推荐👍', at: at(0) }),
      line({ id: 'c2', channel: 'xiaohongshu', author: '小红薯', text: '包装破损, 客服也不理人, 太失望了😡', at: at(5) }),
      line({ id: 'c3', channel: 'weibo', author: '官方', text: '谢谢', at: at(10), replyTo: 'c1' }),
    ].join('\n');
    const first = await db.store.interactions.importFile({ campaignId, source: 'weibo-export', fileName: 'comments.ndjson', text });
    expect(first).toEqual({ campaignId, source: 'weibo-export', format: 'ndjson', inserted: 3, duplicates: 0, rejected: [], rejectedTotal: 0, rejectedLines: 0, rejectedReasons: [] });
    const { rows } = await db.pool.query(
      'SELECT item_id, channel_id, author, text, at, reply_to, answered_at, score, source FROM interactions WHERE campaign_id = $1 ORDER BY item_id',
      [campaignId],
    );
    expect(rows.map((r) => [r.item_id, r.channel_id, r.reply_to, r.source])).toEqual([
      ['c1', 'weibo', null, 'weibo-export'], ['c2', 'xiaohongshu', null, 'weibo-export'], ['c3', 'weibo', 'c1', 'weibo-export'],
    ]);
    expect(rows[0].score).toBeGreaterThan(0.9);
    expect(rows[1].score).toBeLessThan(-0.9);
    expect(rows[0].at.toISOString()).toBe(at(0));

    const again = await db.store.interactions.importFile({ campaignId, source: 'weibo-export', fileName: 'comments.ndjson', text });
    expect(again).toMatchObject({ inserted: 0, duplicates: 3, rejected: [] });

    const changed = await db.store.interactions.importFile({
      campaignId, source: 'weibo-export', fileName: 'x.ndjson',
      text: line({ id: 'c1', channel: 'weibo', author: '茶友', text: '改了', at: at(0) }),
    });
    expect(changed).toMatchObject({ inserted: 0, duplicates: 0, rejected: [{ line: 1, field: 'id', message: 'id "c1" was imported before with other content; the stored item stands' }] });
  });

  it('refuses an unknown campaign and a bad source name', async () => {
    await expect(db.store.interactions.importFile({ campaignId: 'no-such-campaign', source: 's', fileName: 'a.csv', text: '' }))
      .rejects.toMatchObject({ type: 'CampaignNotFound' });
    const err = await db.store.interactions.importFile({ campaignId: 'x', source: ' ', fileName: 'a.csv', text: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'InvalidInput', message: expect.stringContaining('source:') });
  });
});
