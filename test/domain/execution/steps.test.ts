import { describe, expect, it } from 'vitest';
import {
  checkStepResolution, openStep, resolveStep, stepAudience, stepDeciders, stepResolutionInputSchema, type FailedStep, type StepFailure,
} from '../../../domain/execution/steps.js';
import { validatePlanData } from '../../../domain/plan/validate.js';
import { executionPlan } from '../../helpers/plans.js';

const plan = executionPlan();
const at = new Date('2027-03-01T08:00:00Z');

const budget: StepFailure = {
  id: 'budget:initial:douyin', activity: 'applyBudget', summary: 'Set the budget of 抖音 to 120000 CNY', channel: 'douyin',
  error: 'set budget: the platform answered 422', errorType: 'ChannelRejected', skippable: true,
};
const registration: StepFailure = { id: 'register', activity: 'registerCampaign', summary: 'Register the campaign', error: 'boom', skippable: false };

describe('openStep', () => {
  it('keeps a new failure as a step waiting for a person', () => {
    expect(openStep([], budget, at)).toEqual([{
      id: 'budget:initial:douyin', activity: 'applyBudget', summary: 'Set the budget of 抖音 to 120000 CNY', channel: 'douyin',
      error: 'set budget: the platform answered 422', errorType: 'ChannelRejected', failedAt: at.toISOString(), failures: 1,
      skippable: true, status: 'waiting',
    } satisfies FailedStep]);
  });

  it('counts a step that failed again after a retry, keeping who retried it', () => {
    const retried = resolveStep(openStep([], budget, at), { step: budget.id, action: 'retry', by: 'li.na' }, at);
    const again = openStep(retried, { ...budget, error: 'still 422' }, new Date('2027-03-01T09:00:00Z'));
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ status: 'waiting', failures: 2, error: 'still 422', decided: { action: 'retry', by: 'li.na' } });
  });
});

describe('who is told and who decides', () => {
  it('tells the owner and, for a channel step, the channel\'s responsible person (channel-ops when the plan names nobody)', () => {
    expect(stepAudience(plan, { channel: 'douyin' })).toEqual(['li.na', 'chen.jing']);
    expect(stepAudience(plan, {})).toEqual(['li.na']);
    const named = { ...plan, channels: plan.channels.map((c) => (c.id === 'douyin' ? { ...c, responsible: 'wang.wei' } : c)) };
    expect(stepAudience(named, { channel: 'douyin' })).toEqual(['li.na', 'wang.wei']);
    expect(stepDeciders(named, { channel: 'douyin' }, at)).toEqual(['li.na', 'wang.wei', 'chen.jing']);
  });

  it('lets the owner\'s delegate decide within the delegation', () => {
    const delegated = { ...plan, team: plan.team.map((m) => (m.id === 'li.na' ? { ...m, delegate: { to: 'zhao.lei', until: '2027-03-10' } } : m)) };
    expect(stepDeciders(delegated, {}, at)).toContain('zhao.lei');
    expect(stepDeciders(delegated, {}, new Date('2027-03-11T08:00:00Z'))).not.toContain('zhao.lei');
  });

  it('validates a channel\'s responsible person against the team', () => {
    const unknown = { ...plan, channels: plan.channels.map((c) => (c.id === 'douyin' ? { ...c, responsible: 'nobody' } : c)) };
    const result = validatePlanData(unknown, { lang: 'en' });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('responsible');
  });
});

describe('checkStepResolution', () => {
  const steps = openStep(openStep([], budget, at), registration, at);
  const check = (input: Parameters<typeof checkStepResolution>[2]) => checkStepResolution(plan, steps, input, at);

  it('refuses unknown steps, naming those that wait', () => {
    expect(check({ step: 'budget:initial:weibo', action: 'retry', by: 'li.na' })).toMatchObject({
      ok: false, type: 'UnknownStep', message: expect.stringContaining('waiting: budget:initial:douyin, register'),
    });
  });

  it('refuses people who are not the owner, the channel\'s responsible person or ops', () => {
    const refused = check({ step: budget.id, action: 'retry', by: 'wang.wei' });
    expect(refused).toMatchObject({ ok: false, type: 'NotAuthorised' });
    expect(refused.ok ? '' : refused.message).toContain('Only li.na, chen.jing may retry or skip');
    expect(check({ step: budget.id, action: 'retry', by: 'chen.jing' })).toEqual({ ok: true });
    expect(check({ step: budget.id, action: 'skip', by: 'li.na' })).toEqual({ ok: true });
  });

  it('refuses skipping what cannot be skipped, and deciding a step twice', () => {
    expect(check({ step: 'register', action: 'skip', by: 'li.na' })).toMatchObject({ ok: false, type: 'CannotSkip', message: expect.stringContaining('Retry it') });
    const skipped = resolveStep(steps, { step: budget.id, action: 'skip', by: 'li.na', comment: 'douyin paused this week' }, at);
    expect(skipped[0]).toMatchObject({ status: 'skipped', decided: { action: 'skip', by: 'li.na', comment: 'douyin paused this week' } });
    expect(checkStepResolution(plan, skipped, { step: budget.id, action: 'retry', by: 'li.na' }, at)).toMatchObject({ ok: false, type: 'AlreadyDone' });
  });
});

describe('stepResolutionInputSchema', () => {
  it('takes retry or skip, by someone, with an optional comment', () => {
    expect(stepResolutionInputSchema.safeParse({ step: 'register', action: 'retry', by: 'li.na' }).success).toBe(true);
    const wrong = stepResolutionInputSchema.safeParse({ step: 'register', action: 'redo', by: 'li.na' });
    expect(wrong.error?.issues[0]?.message).toBe('action is "retry" or "skip"');
    expect(stepResolutionInputSchema.safeParse({ step: 'register', action: 'retry', by: 'li.na', extra: 1 }).success).toBe(false);
  });
});
