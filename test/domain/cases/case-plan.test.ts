import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCaseRecord, type CaseChannel } from '../../../domain/cases/case-record.js';
import { suggestChannelSplit } from '../../../domain/cases/channel-split.js';
import { durationText, nextPlanId, planFromCase } from '../../../domain/cases/plan-from-case.js';
import type { Plan } from '../../../domain/plan/schema.js';
import { validatePlanText } from '../../../domain/plan/validate.js';
import { buildCampaignReport } from '../../../domain/report/model.js';
import { closingInput, closingPlan } from '../report/closing-fixture.js';

function caseOf(overrides: Parameters<typeof closingInput>[0] = {}) {
  const input = closingInput(overrides);
  const report = buildCampaignReport(input);
  return buildCaseRecord({
    report,
    plan: input.plan,
    tasks: input.tasks!.map((t) => ({ ...t })),
    gates: input.gates!,
    reviews: input.reviews!,
    pilot: { status: 'go', channels: ['xiaohongshu'], budget: 5_000, days: 3, decisions: [{ decision: 'go', by: 'li.na', at: '2027-03-12T02:00:00.000Z' }] },
    retrospective: { answers: input.retrospective!, analyses: input.analyses! },
  });
}

function channel(id: string, budget: { initial: number; min: number; max: number }, spend: number, ret: number): CaseChannel {
  return { channelId: id, name: id, kind: 'custom', budget, finalAllocation: null, spend, return: ret, roi: spend > 0 ? ret / spend : null, marginalRoi: null };
}

describe('case record', () => {
  it('keeps plan, timeline, metrics, decisions and retrospective, with named notify targets but no inline secrets', () => {
    const plan = closingPlan({ team: [{ id: 'li.na', name: '李娜', roles: ['pm'], notify: [{ wecom: 'team-robot' }, { email: 'li.na@example.com' }] }, { id: 'zhao.lei', name: '赵磊' }, { id: 'wang.wei', name: '王伟' }, { id: 'chen.jing', name: '陈静' }] });
    // A campaign started before targets were named carries them inline in its plan.
    const inline = [{ kind: 'wecom', url: 'https://qyapi.example/robot?key=secret' }] as unknown as Plan['team'][number]['notify'];
    const record = caseOf({ plan: { ...plan, team: plan.team.map((m) => (m.id === 'zhao.lei' ? { ...m, notify: inline } : m)) } });
    expect(record.plan.team.map((m) => m.notify)).toEqual([[{ wecom: 'team-robot' }, { email: 'li.na@example.com' }], [], [], []]);
    expect(JSON.stringify(record)).not.toContain('key=secret');
    expect(record.channelKinds).toEqual(['xiaohongshu', 'douyin', 'baidu-sem']);
    expect(record.timeline.tasks.find((t) => t.id === 'shoot')).toMatchObject({ plannedDays: 3, doneAt: '2027-03-08T01:00:00.000Z' });
    expect(record.timeline.tasks.find((t) => t.id === 'teaser')).toMatchObject({ actualDays: null });
    expect(record.timeline.gates.find((g) => g.id === 'assets')!.rounds).toHaveLength(2);
    expect(record.timeline.budgetMoves.map((m) => `${m.day}:${m.channelId}`)).toEqual(['5:baidu', '10:douyin', '10:xiaohongshu']);
    expect(record.metrics.channels.map((c) => c.channelId)).toEqual(['xiaohongshu', 'douyin', 'baidu']);
    expect(record.retrospective.answers).toHaveLength(2);
    expect(record.report.archive.key).toBe('case:spring-tea-2027');
  });
});

describe('channel split from past ROI', () => {
  it('gives each channel its share of the return, within its min and max, adding up to the same total', () => {
    const split = suggestChannelSplit([
      channel('a', { initial: 40_000, min: 10_000, max: 50_000 }, 20_000, 90_000),
      channel('b', { initial: 40_000, min: 10_000, max: 80_000 }, 20_000, 10_000),
      channel('c', { initial: 20_000, min: 5_000, max: 60_000 }, 10_000, 20_000),
    ], { currency: 'CNY', mediaRoi: 2.4 });
    const after = Object.fromEntries(split.map((s) => [s.channelId, s.after]));
    expect(after.a).toBe(50_000); // wanted 75,000: held at its max
    expect(after.b! + after.c!).toBe(50_000);
    expect(after.b).toBeGreaterThanOrEqual(10_000);
    expect(after.c! / after.b!).toBeCloseTo(2, 0);
    for (const s of split) expect(s.after).toBeGreaterThanOrEqual(s.min);
    expect(split.reduce((sum, s) => sum + s.after, 0)).toBe(100_000);
    expect(split[0]!.evidence.en).toContain('held at its max');
    expect(split[0]!.evidence['zh-CN']).toContain('受上限限制');
  });

  it('keeps channels without spend where they were, and keeps the pilot covered', () => {
    const split = suggestChannelSplit([
      channel('pilot', { initial: 30_000, min: 0, max: 60_000 }, 10_000, 1_000),
      channel('big', { initial: 30_000, min: 0, max: 60_000 }, 10_000, 99_000),
      channel('idle', { initial: 10_000, min: 0, max: 20_000 }, 0, 0),
    ], { currency: 'CNY', mediaRoi: 5, pilot: { channels: ['pilot'], budget: 8_000 } });
    const after = Object.fromEntries(split.map((s) => [s.channelId, s.after]));
    expect(after.idle).toBe(10_000);
    expect(after.pilot).toBe(8_000);
    expect(after.big).toBe(52_000);
    expect(split.find((s) => s.channelId === 'idle')!.evidence.en).toContain('no spend recorded');
  });
});

describe('plan from case', () => {
  it('writes a draft that validates, with actual task durations and the channel split as commented suggestions', () => {
    const record = caseOf();
    for (const lang of ['zh-CN', 'en'] as const) {
      const draft = planFromCase(record, { lang });
      const validation = validatePlanText(draft.yaml, { lang: 'en' });
      expect(validation.ok ? [] : validation.issues).toEqual([]);
      expect(draft.yaml).toContain(lang === 'zh-CN' ? '# 建议: 小红书' : '# suggestion: 小红书');
      expect(draft.yaml).toContain(lang === 'zh-CN' ? '短视频素材至少准备三套轮换' : 'Lessons from last time');
    }
    const draft = planFromCase(record, { lang: 'en', id: 'spring-tea-2028' });
    const plan = parse(draft.yaml) as { id: string; channels: Array<{ id: string; budget: { initial: number } }>; tasks: Array<{ id: string; duration: string }>; team: Array<Record<string, unknown>>; gates: Array<{ id: string; checklist?: string[] }> };
    expect(plan.id).toBe('spring-tea-2028');
    const initial = Object.fromEntries(plan.channels.map((c) => [c.id, c.budget.initial]));
    // 小红书 returned the most per unit: it gains; the total stays 140,000.
    expect(initial.xiaohongshu).toBeGreaterThan(40_000);
    expect(Object.values(initial).reduce((a, b) => a + b, 0)).toBe(140_000);
    expect(draft.suggestions.filter((s) => s.kind === 'channel-split')).toHaveLength(3);
    expect(plan.team.map((m) => m.roles)).toEqual([['pm'], ['data'], ['content', 'design'], ['channel-ops']]);
    // shoot: could start when script was done (day 2), done on day 7: 5 days against 3 planned.
    expect(plan.tasks.find((t) => t.id === 'shoot')!.duration).toBe('5d');
    expect(draft.suggestions.find((s) => s.path === 'tasks[1].duration')!.message.en).toBe('took 5d last time (planned 3d)');
    expect(plan.tasks.find((t) => t.id === 'teaser')!.duration).toBe('1d');
  });

  it('carries the named notify targets into the draft, which still validates', () => {
    const past = closingPlan();
    const record = caseOf({ plan: { ...past, team: past.team.map((m) => (m.id === 'li.na' ? { ...m, notify: [{ dingtalk: 'team-robot' }] } : m)) } });
    const draft = planFromCase(record, { lang: 'en' });
    const validation = validatePlanText(draft.yaml, { lang: 'en' });
    expect(validation.ok && validation.plan.team[0]!.notify).toEqual([{ dingtalk: 'team-robot' }]);
  });

  it('names the next plan and writes durations as plans do', () => {
    expect(nextPlanId('spring-tea-2027')).toBe('spring-tea-2027-next');
    expect(nextPlanId('spring-tea-2027-next')).toBe('spring-tea-2027-next');
    expect(durationText(2.26)).toBe('2.5d');
    expect(durationText(0.25)).toBe('6h');
    expect(durationText(0)).toBeUndefined();
  });
});
