import { describe, expect, it } from 'vitest';
import { interactionActivities, type CheckInteractionsInput } from '../../activities/interactions.js';
import { insertCampaign, recordsStoreForTests } from '../helpers/records-store.js';

const db = recordsStoreForTests();
const check = (input: CheckInteractionsInput) => interactionActivities({ store: db.store }).checkInteractions(input);
const campaign = (prefix: string) => insertCampaign(db.pool, prefix, { plan: { channels: [{ id: 'weibo' }, { id: 'xiaohongshu' }] } });

const line = (item: Record<string, unknown>) => JSON.stringify(item);
const at = (minutes: number) => new Date(Date.parse('2027-03-10T12:00:00Z') + minutes * 60_000).toISOString();

describe('checkInteractions', () => {
  it('counts what is known at now: SLA breaches, waiting items, the next deadline and the crisis rule', async () => {
    const campaignId = await campaign('check');
    const items = [
      { id: 'a1', channel: 'weibo', author: 'u1', text: '太失望了', at: at(0) },
      { id: 'a2', channel: 'weibo', author: 'u2', text: '难喝, 退货', at: at(10) },
      { id: 'a3', channel: 'xiaohongshu', author: 'u3', text: '请问什么时候发货?', at: at(20), answeredAt: at(30) },
      { id: 'r1', channel: 'weibo', author: 'brand', text: '抱歉, 马上处理', at: at(50), replyTo: 'a2' },
      { id: 'a4', channel: 'weibo', author: 'u4', text: '垃圾', at: at(100) },
      { id: 'future', channel: 'weibo', author: 'u5', text: '太失望了', at: at(500) },
    ];
    await db.store.interactions.importFile({ campaignId, source: 'test', fileName: 'i.ndjson', text: items.map(line).join('\n') });

    const result = await check({
      campaignId, now: at(120), responseSla: '1h', staff: ['brand'], channelNames: { weibo: '微博' },
      crisis: { negativeShare: 0.5, window: '3h', minVolume: 3 },
    });
    expect(result).toMatchObject({ checkedAt: at(120), total: 4, negative: 3, breachCount: 1, waiting: 1, nextDeadline: at(160) });
    expect(result.breaches).toEqual([expect.objectContaining({ id: 'a1', channelId: 'weibo', overdueMs: 60 * 60_000 })]);
    expect(result.breaches[0]?.message['zh-CN']).toContain('微博');
    expect(result.crisis).toMatchObject({ triggered: true, reason: 'negative-share', volume: 4, negatives: 3 });

    const early = await check({ campaignId, now: at(15) });
    expect(early).toEqual({ checkedAt: at(15), total: 2, negative: 2, breaches: [], breachCount: 0, waiting: 0 });
  });

  it('refuses a now that is not an instant, naming the field', async () => {
    await expect(check({ campaignId: 'x', now: 'tomorrow' })).rejects.toMatchObject({
      type: 'InvalidInput', nonRetryable: true, message: expect.stringContaining('now must be an ISO instant'),
    });
  });
});
