import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { crisisActionInputSchema, pilotDecisionInputSchema } from '../../../domain/execution/actions.js';
import { checkContentReady, checkContentReview, checkCrisisAction, checkPilotDecision } from '../../../domain/execution/checks.js';
import type { CrisisState, PilotState } from '../../../domain/execution/state.js';
import { ErrorType } from '../../../domain/errors.js';
import { planSchema, type Plan } from '../../../domain/plan/schema.js';

function examplePlan(): Plan {
  const raw = parse(readFileSync(new URL('../../../examples/spring-tea.zh.yaml', import.meta.url), 'utf8')) as unknown;
  return planSchema.parse(raw);
}

/** 2027-03-05 10:00 in Shanghai: zhao.lei's delegation to li.na (until 2027-03-10) holds. */
const DURING = new Date('2027-03-05T02:00:00.000Z');
/** 2027-03-11 00:30 in Shanghai (still 2027-03-10 in UTC): the delegation has ended. */
const AFTER = new Date('2027-03-10T16:30:00.000Z');

const pilot = (status: PilotState['status'], days = 7): PilotState => ({
  status, channels: ['xiaohongshu'], budget: 20000, days, plannedDays: 7, decisions: [],
});

const go = pilotDecisionInputSchema.parse({ decision: 'go', by: 'li.na' });
const as = (by: string) => ({ ...go, by });

describe('checkPilotDecision', () => {
  const plan = examplePlan();

  it('refuses a decision when the campaign has no pilot', () => {
    const { pilot: _pilot, ...withoutPilot } = plan;
    expect(checkPilotDecision(withoutPilot as Plan, undefined, go, DURING)).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
    // A plan with a pilot whose state was never created is refused too.
    expect(checkPilotDecision(plan, undefined, go, DURING)).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
  });

  it('refuses a decision while the pilot is still running, saying which day it is on', () => {
    const check = checkPilotDecision(plan, pilot('running', 4), go, DURING);
    expect(check).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
    if (!check.ok) expect(check.message).toMatch(/day 4 of 7/);
  });

  it('refuses a second decision once the pilot was decided', () => {
    for (const status of ['go', 'sent-back', 'cancelled'] as const) {
      const check = checkPilotDecision(plan, pilot(status), go, DURING);
      expect(check).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
      if (!check.ok) expect(check.message).toContain(status);
    }
  });

  it('lets only pilot.decidedBy decide a pilot waiting for its decision', () => {
    expect(checkPilotDecision(plan, pilot('deciding'), as('li.na'), DURING)).toEqual({ ok: true });
    for (const other of ['zhao.lei', 'wang.wei', 'chen.jing', 'stranger']) {
      expect(checkPilotDecision(plan, pilot('deciding'), as(other), DURING)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
    }
  });

  it('lets the decider\'s delegate decide on their behalf until the delegation ends, in the plan\'s time zone', () => {
    const byZhao = { ...plan, pilot: { ...plan.pilot!, decidedBy: 'zhao.lei' } };
    expect(checkPilotDecision(byZhao, pilot('deciding'), as('zhao.lei'), DURING)).toEqual({ ok: true });
    expect(checkPilotDecision(byZhao, pilot('deciding'), as('li.na'), DURING)).toEqual({ ok: true, onBehalfOf: 'zhao.lei' });
    const late = checkPilotDecision(byZhao, pilot('deciding'), as('li.na'), AFTER);
    expect(late).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
    if (!late.ok) expect(late.message).toContain('2027-03-10');
    expect(checkPilotDecision(byZhao, pilot('deciding'), as('wang.wei'), DURING)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
  });
});

describe('checkCrisisAction', () => {
  // The crisis is zhao.lei's here, so owner, accountable and channel ops are three different people.
  const example = examplePlan();
  const plan: Plan = { ...example, interaction: { ...example.interaction, crisis: { ...example.interaction!.crisis!, accountable: 'zhao.lei' } } };
  const active: CrisisState = { status: 'active', startedBy: 'chen.jing', startedAt: '2027-03-05T01:00:00.000Z', reason: 'complaints', held: 0 };
  const withStatement: CrisisState = { ...active, statement: { text: 'We are sorry.', by: 'wang.wei', at: '2027-03-05T01:30:00.000Z' } };
  const resolved: CrisisState = { ...withStatement, status: 'resolved', resolvedBy: 'zhao.lei', resolvedAt: '2027-03-05T03:00:00.000Z' };
  const act = (action: 'start' | 'statement' | 'approve' | 'end', by: string) => crisisActionInputSchema.parse({
    action, by, ...(action === 'start' || action === 'end' ? { reason: 'why' } : {}), ...(action === 'statement' ? { statement: 'We are sorry.' } : {}),
  });

  it('lets the owner, the crisis\' accountable person and channel ops start a crisis, nobody else', () => {
    for (const by of ['li.na', 'zhao.lei', 'chen.jing']) expect(checkCrisisAction(plan, undefined, act('start', by), DURING)).toEqual({ ok: true });
    expect(checkCrisisAction(plan, undefined, act('start', 'wang.wei'), DURING)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
    expect(checkCrisisAction(plan, undefined, act('start', 'stranger'), DURING)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
    // After an earlier crisis was resolved, a new one may start.
    expect(checkCrisisAction(plan, resolved, act('start', 'chen.jing'), DURING)).toEqual({ ok: true });
  });

  it('refuses to start a crisis while one is active', () => {
    expect(checkCrisisAction(plan, active, act('start', 'li.na'), DURING)).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
  });

  it('takes a statement from anyone on the team, only while a crisis is active', () => {
    expect(checkCrisisAction(plan, active, act('statement', 'wang.wei'), DURING)).toEqual({ ok: true });
    expect(checkCrisisAction(plan, undefined, act('statement', 'wang.wei'), DURING)).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
    expect(checkCrisisAction(plan, resolved, act('statement', 'wang.wei'), DURING)).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
    expect(checkCrisisAction(plan, active, act('statement', 'stranger'), DURING)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
  });

  it('approves only a proposed statement, and only by the crisis\' accountable person or their delegate', () => {
    expect(checkCrisisAction(plan, active, act('approve', 'zhao.lei'), DURING)).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
    expect(checkCrisisAction(plan, undefined, act('approve', 'zhao.lei'), DURING)).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
    expect(checkCrisisAction(plan, withStatement, act('approve', 'zhao.lei'), DURING)).toEqual({ ok: true });
    expect(checkCrisisAction(plan, withStatement, act('approve', 'li.na'), DURING)).toEqual({ ok: true, onBehalfOf: 'zhao.lei' });
    expect(checkCrisisAction(plan, withStatement, act('approve', 'li.na'), AFTER)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
    // Ops may stop the campaign but not speak for it.
    expect(checkCrisisAction(plan, withStatement, act('approve', 'chen.jing'), DURING)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
  });

  it('falls back to the campaign owner as accountable when the plan sets no crisis rule', () => {
    const { interaction: _interaction, ...bare } = example;
    const noRule = bare as Plan;
    expect(checkCrisisAction(noRule, withStatement, act('approve', 'li.na'), DURING)).toEqual({ ok: true });
    expect(checkCrisisAction(noRule, withStatement, act('approve', 'zhao.lei'), DURING)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
  });

  it('ends an active crisis by ops only', () => {
    for (const by of ['li.na', 'zhao.lei', 'chen.jing']) expect(checkCrisisAction(plan, active, act('end', by), DURING)).toEqual({ ok: true });
    expect(checkCrisisAction(plan, active, act('end', 'wang.wei'), DURING)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
    expect(checkCrisisAction(plan, undefined, act('end', 'chen.jing'), DURING)).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
    expect(checkCrisisAction(plan, resolved, act('end', 'chen.jing'), DURING)).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
  });
});

describe('checkContentReady', () => {
  const plan = examplePlan();

  it('passes the example plan', () => {
    expect(checkContentReady(plan, 'en')).toEqual({ ok: true });
  });

  it('blocks content a channel would refuse, naming the content and the channel', () => {
    const noVideo = { ...plan.content[1]!, id: 'no-video', media: [{ kind: 'image' as const, url: 'https://assets.example.com/a.jpg' }], channels: ['douyin'] };
    const check = checkContentReady({ ...plan, content: [...plan.content, noVideo] }, 'en');
    expect(check).toMatchObject({ ok: false, type: ErrorType.ChecklistIncomplete });
    if (!check.ok) expect(check.message).toMatch(/no-video on douyin/);
  });

  it('counts every problem, one per content item and channel', () => {
    const bare = { ...plan.content[1]!, id: 'bare', media: [], channels: ['douyin', 'xiaohongshu', 'wechat'] };
    const check = checkContentReady({ ...plan, content: [...plan.content, bare] }, 'en');
    expect(check).toMatchObject({ ok: false, type: ErrorType.ChecklistIncomplete });
    if (!check.ok) {
      expect(check.message).toContain('3 problems');
      for (const channel of ['douyin', 'xiaohongshu', 'wechat']) expect(check.message).toContain(`bare on ${channel}`);
    }
  });
});

describe('checkContentReview', () => {
  const plan = examplePlan();
  const noVideo = { ...plan.content[1]!, id: 'no-video', media: [], channels: ['douyin'] };
  const broken = { ...plan, content: [...plan.content, noVideo] };
  const approve = (gate: string, by = 'li.na') => ({ gate, decision: 'approve' as const, by });

  it('checks the assets gate when no gate says it reviews the content, as campaigns always did', () => {
    expect(checkContentReview(broken, approve('assets'))).toMatchObject({ ok: false, type: ErrorType.ChecklistIncomplete });
    expect(checkContentReview(broken, approve('goals'))).toEqual({ ok: true });
  });

  it('checks the gate the plan names with reviews: content, and not assets then', () => {
    const named = { ...broken, gates: broken.gates.map((g) => (g.id === 'platforms' ? { ...g, reviews: 'content' as const } : g)) };
    expect(checkContentReview(named, approve('platforms', 'zhao.lei'))).toMatchObject({ ok: false, type: ErrorType.ChecklistIncomplete });
    expect(checkContentReview(named, approve('assets'))).toEqual({ ok: true });
  });

  it('refuses in the approver\'s language, else the plan\'s', () => {
    const zh = checkContentReview(broken, approve('assets'));
    if (!zh.ok) expect(zh.message).toBe('内容还不能发布到这些渠道(共 1 个问题): no-video 在 douyin: 抖音只能发布视频, 该内容没有视频。(请在 media 里加上视频, 例如 media: [{ kind: video, url: … }]。)');
    const english = { ...broken, team: broken.team.map((m) => (m.id === 'li.na' ? { ...m, language: 'en' as const } : m)) };
    const en = checkContentReview(english, approve('assets'));
    if (!en.ok) expect(en.message).toMatch(/^The content is not ready for its channels \(1 problem\): no-video on douyin: /);
    expect([zh.ok, en.ok]).toEqual([false, false]);
  });

  it('lets a send-back through: it asks for changes, it releases nothing', () => {
    expect(checkContentReview(broken, { gate: 'assets', decision: 'send-back', by: 'li.na' })).toEqual({ ok: true });
  });
});
