/** ROI at closing (P3.6, P3.7), checked against sums done by hand. */
import { describe, expect, it } from 'vitest';
import { marginalReturn } from '../../../domain/closing/marginal.js';
import { peopleTime } from '../../../domain/closing/people-time.js';
import { campaignRoi, type RoiInput } from '../../../domain/closing/roi.js';
import { planSchema } from '../../../domain/plan/schema.js';
import { channelDay } from '../report/closing-fixture.js';

const plan = planSchema.parse({
  id: 'roi-case',
  name: 'ROI case',
  owner: 'pia',
  team: [
    { id: 'pia', name: 'Pia', roles: ['pm'], hourlyCost: 100 },
    { id: 'quinn', name: 'Quinn', roles: ['content'] },
  ],
  goals: [{ id: 'orders', name: 'Orders', metric: 'orders', target: 10 }],
  budget: { total: 10_000, reserve: 1_000, items: [{ id: 'x', name: 'Shoot', cap: 2_000 }, { id: 'y', name: 'Tools', cap: 500 }] },
  channels: [
    { id: 'a', name: 'Weibo', kind: 'weibo', budget: { initial: 2_000, max: 5_000 } },
    { id: 'b', name: 'Douyin', kind: 'douyin', budget: { initial: 3_000, max: 5_000 } },
  ],
  content: [
    { id: 'c1', title: 'Story', channels: ['a', 'b'] },
    { id: 'c2', title: 'Video', channels: ['b'] },
  ],
  gates: [{ id: 'g', title: 'Go', accountable: 'pia' }],
  tasks: [
    { id: 't1', name: 'Brief', owner: 'pia', duration: '1d' },
    { id: 't2', name: 'Film', owner: 'quinn', duration: '2d' },
  ],
  rollout: { duration: '4d' },
  closing: { accountable: 'pia' },
});

// Weibo alternates 100 and 300 a day (revenue 200 and 800) with a sign-up a day; Douyin spends 500
// a day for 250 revenue and 2 inquiries.
const rows = [1, 2, 3, 4].flatMap((day) => [
  channelDay('a', day, { spend: day % 2 ? 100 : 300, revenue: day % 2 ? 200 : 800, signups: 1 }),
  channelDay('b', day, { spend: 500, revenue: 250, inquiries: 2 }),
]);

const input: RoiInput = { plan, rows, itemSpend: { x: 1_500 }, leadValues: { signups: 10, inquiries: 5 } };

describe('campaign ROI', () => {
  const r = campaignRoi(input);

  it('adds media, budget items (cap where no actual) and people\'s time into the input', () => {
    expect(r.input).toEqual({ media: 2_800, items: 2_000, people: 900, total: 5_700, uncostedHours: 16 });
    expect(r.items).toEqual([
      { id: 'x', name: 'Shoot', cap: 2_000, spent: 1_500, assumed: false },
      { id: 'y', name: 'Tools', cap: 500, spent: 500, assumed: true },
    ]);
  });

  it('adds revenue and the value of leads into the return', () => {
    // Leads: 4 sign-ups × 10 + 8 inquiries × 5.
    expect(r.return).toEqual({ revenue: 3_000, leads: 12, leadValue: 80, total: 3_080 });
    expect(r.roi).toBe(0.54); // 3,080 ÷ 5,700
    expect(r.mediaRoi).toBe(1.1); // 3,080 ÷ 2,800
    expect(r.net).toBe(-2_620);
  });

  it('rates each channel on its media spend, with its marginal return', () => {
    expect(r.channels.map((c) => [c.channelId, c.spend, c.return, c.roi, c.marginalRoi, c.spendShare, c.conversionShare])).toEqual([
      ['a', 800, 2_040, 2.55, 3, 0.2857, 0.3333],
      ['b', 2_000, 1_040, 0.52, null, 0.7143, 0.6667],
    ]);
  });

  it('shares a channel among its content in proportion to posts (one each unless told)', () => {
    expect(r.content.map((c) => [c.contentId, c.posts, c.spend, c.return, c.roi])).toEqual([
      ['c1', 2, 1_800, 2_560, 1.42],
      ['c2', 1, 1_000, 520, 0.52],
    ]);
    const posted = campaignRoi({ ...input, posts: [{ contentId: 'c1', channelId: 'b', posts: 3 }, { contentId: 'c2', channelId: 'b', posts: 1 }] });
    // c1 is no longer on Weibo: Weibo's money belongs to no content.
    expect(posted.content.map((c) => [c.contentId, c.spend, c.return])).toEqual([['c1', 1_500, 780], ['c2', 500, 260]]);
    expect(posted.unattributed).toEqual({ spend: 800, return: 2_040 });
  });

  it('splits what sat unspent into item caps, the channels\' budget and the reserve', () => {
    // 10,000 − 2,800 − 2,000 = 5,200: 500 under Shoot's cap, 6,500 − 2,800 of the rollout budget, the reserve.
    expect(r.unspent).toEqual({ total: 5_200, items: 500, rollout: 3_700, reserve: 1_000, channels: [] });
    const left = campaignRoi({ ...input, allocations: { a: 1_000, b: 2_000 } }).unspent.channels;
    expect(left).toEqual([{ channelId: 'a', name: 'Weibo', allocation: 1_000, spend: 800, left: 200 }]);
  });

  it('says where money was wasted and where growth came from, and what it assumed', () => {
    expect(r.findings.map((f) => f.kind)).toEqual(['waste', 'growth', 'unspent', 'assumption', 'assumption', 'assumption']);
    expect(r.findings[0]!.message.en).toBe('Douyin returned less than the campaign: ROI 0.52 against 1.10 (¥2,000 spent, ¥1,040 back).');
    expect(r.findings[1]!.message['zh-CN']).toBe('Weibo边际回报最好：花费更高的日子里，每多花 ¥1 多回收 ¥3（平均投产比 2.55）。');
    expect(r.findings[2]!.message.en).toBe('¥5,200 of the ¥10,000 budget sat unspent: ¥3,700 of the channels\' budget, ¥1,000 of the reserve, ¥500 under budget item caps.');
    expect(r.findings[3]!.message.en).toBe('Budget items without a recorded actual are counted at their cap: Tools ¥500.');
    expect(r.findings[4]!.message.en).toBe('16 hours of people without an hourly cost are not in the input (Quinn).');
  });

  it('falls back to the best average ROI when no channel\'s spend varied', () => {
    const flat = rows.map((row) => (row.channelId === 'a' ? { ...row, spend: 200, revenue: 500 } : row));
    const growth = campaignRoi({ ...input, rows: flat }).findings.filter((f) => f.kind === 'growth');
    expect(growth.map((f) => f.message.en)).toEqual(['Weibo returned the most per unit of spend: ROI 2.55 against the campaign\'s 1.10.']);
  });
});

describe('people\'s time', () => {
  it('gives task owners 8 hours per task day and deciders an hour per decision round', () => {
    const sentBack = [{ id: 'g', rounds: [
      { round: 1, decision: 'send-back' as const, by: 'pia', comment: 'redo', at: '2027-01-01T00:00:00Z' },
      { round: 2, decision: 'approve' as const, by: 'quinn', at: '2027-01-02T00:00:00Z' },
    ] }];
    expect(peopleTime(plan, sentBack).map((p) => [p.person, p.taskHours, p.decisionHours, p.cost])).toEqual([
      ['pia', 8, 1, 900],
      ['quinn', 16, 1, null],
    ]);
  });
});

describe('marginal return', () => {
  it('compares the higher-spend days with the lower-spend ones', () => {
    expect(marginalReturn([{ spend: 100, return: 150 }, { spend: 200, return: 350 }, { spend: 100, return: 170 }, { spend: 200, return: 330 }])).toBe(1.8);
  });

  it('has no answer from too few days or spend that hardly varied', () => {
    expect(marginalReturn([{ spend: 100, return: 1 }, { spend: 300, return: 9 }, { spend: 100, return: 1 }])).toBeNull();
    expect(marginalReturn([100, 102, 101, 103].map((spend) => ({ spend, return: spend * 2 })))).toBeNull();
  });
});
