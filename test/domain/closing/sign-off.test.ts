import { describe, expect, it } from 'vitest';
import { retrospectiveInputSchema, type RetrospectiveAnswer } from '../../../domain/closing/retrospective.js';
import { checkRetrospective, checkSignOff, missingAnswers, withAnswer, type RetrospectiveView } from '../../../domain/closing/sign-off.js';
import { ErrorType } from '../../../domain/errors.js';
import type { Plan } from '../../../domain/plan/schema.js';
import { executionPlan } from '../../helpers/plans.js';

/** 2027-03-09 10:00 in Shanghai: zhao.lei's delegation to li.na (until 2027-03-10) holds. */
const DURING = new Date('2027-03-09T02:00:00.000Z');
/** 2027-03-11 00:30 in Shanghai. */
const AFTER = new Date('2027-03-10T16:30:00.000Z');

const plan = executionPlan();
const team = plan.team.map((m) => m.id);
const open: RetrospectiveView = { open: true, asked: team, answers: [], signedOff: undefined };
const submit = (input: Record<string, unknown>) => retrospectiveInputSchema.parse(input);
const answer = (person: string): RetrospectiveAnswer => ({ person, worked: ['daily stand-up'], didNot: [], lessons: [] });
const signOff = (by: string, comment?: string) => ({ gate: 'closing', decision: 'approve' as const, by, ...(comment !== undefined ? { comment } : {}) });

describe('checkRetrospective', () => {
  it('refuses answers when the plan holds no retrospective', () => {
    const { retrospective: _retrospective, ...closing } = plan.closing;
    const check = checkRetrospective({ ...plan, closing } as Plan, open, submit({ by: 'wang.wei', worked: ['x'] }));
    expect(check).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
  });

  it('refuses answers before the closing opens the retrospective', () => {
    expect(checkRetrospective(plan, { ...open, open: false }, submit({ by: 'wang.wei', worked: ['x'] }))).toMatchObject({ ok: false, type: ErrorType.WrongPhase });
  });

  it('refuses answers after the sign-off', () => {
    expect(checkRetrospective(plan, { ...open, signedOff: { by: 'li.na' } }, submit({ by: 'wang.wei', worked: ['x'] })))
      .toMatchObject({ ok: false, type: ErrorType.GateClosed });
  });

  it('takes answers from team members only', () => {
    for (const by of team) expect(checkRetrospective(plan, open, submit({ by, worked: ['x'] }))).toEqual({ ok: true });
    const check = checkRetrospective(plan, open, submit({ by: 'stranger', worked: ['x'] }));
    expect(check).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
  });

  it('takes KPI analyses from the closing\'s accountable person only, for KPIs the plan has', () => {
    const analysis = (kpi: string) => ({ kpi, text: 'the pilot audience was too narrow', cause: 'strategy' });
    // Child KPIs count as KPIs too.
    expect(checkRetrospective(plan, open, submit({ by: 'li.na', analyses: [analysis('orders'), analysis('cvr')] }))).toEqual({ ok: true });
    expect(checkRetrospective(plan, open, submit({ by: 'zhao.lei', analyses: [analysis('orders')] }))).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
    const unknown = checkRetrospective(plan, open, submit({ by: 'li.na', analyses: [analysis('orders'), analysis('revenue')] }));
    expect(unknown).toMatchObject({ ok: false, type: ErrorType.InvalidInput });
    if (!unknown.ok) expect(unknown.message).toContain('revenue');
  });
});

describe('checkSignOff', () => {
  const everyone = { ...open, answers: team.map(answer) };

  it('is not open before the closing, or without a retrospective in the plan', () => {
    expect(checkSignOff(plan, { ...everyone, open: false }, signOff('li.na'), DURING)).toMatchObject({ ok: false, type: ErrorType.GateNotOpen });
    const { retrospective: _retrospective, ...closing } = plan.closing;
    expect(checkSignOff({ ...plan, closing } as Plan, everyone, signOff('li.na'), DURING)).toMatchObject({ ok: false, type: ErrorType.GateNotOpen });
  });

  it('signs off with approve by the closing\'s accountable person once everyone answered', () => {
    expect(checkSignOff(plan, everyone, signOff('li.na'), DURING)).toEqual({ ok: true });
  });

  it('accepts only approve', () => {
    const check = checkSignOff(plan, everyone, { gate: 'closing', decision: 'send-back', by: 'li.na', comment: 'not yet' }, DURING);
    expect(check).toMatchObject({ ok: false, type: ErrorType.InvalidInput });
  });

  it('refuses anyone but the accountable person or their delegate', () => {
    for (const by of ['zhao.lei', 'wang.wei', 'chen.jing']) {
      expect(checkSignOff(plan, everyone, signOff(by), DURING)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
    }
    const byZhao = { ...plan, closing: { ...plan.closing, accountable: 'zhao.lei' } };
    expect(checkSignOff(byZhao, everyone, signOff('zhao.lei'), DURING)).toEqual({ ok: true });
    expect(checkSignOff(byZhao, everyone, signOff('li.na'), DURING)).toEqual({ ok: true, onBehalfOf: 'zhao.lei' });
    expect(checkSignOff(byZhao, everyone, signOff('li.na'), AFTER)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
  });

  it('needs a comment while someone has not answered, naming them', () => {
    const partial = { ...open, answers: [answer('li.na'), answer('zhao.lei')] };
    expect(missingAnswers(partial)).toEqual(['wang.wei', 'chen.jing']);
    for (const comment of [undefined, '', '   ']) {
      const check = checkSignOff(plan, partial, signOff('li.na', comment), DURING);
      expect(check).toMatchObject({ ok: false, type: ErrorType.CommentRequired });
      if (!check.ok) expect(check.message).toMatch(/wang\.wei.*chen\.jing/);
    }
    expect(checkSignOff(plan, partial, signOff('li.na', 'wang.wei and chen.jing are on leave'), DURING)).toEqual({ ok: true });
  });

  it('refuses a second sign-off', () => {
    const check = checkSignOff(plan, { ...everyone, signedOff: { by: 'li.na' } }, signOff('li.na'), DURING);
    expect(check).toMatchObject({ ok: false, type: ErrorType.GateClosed });
  });
});

describe('withAnswer', () => {
  it('replaces a person\'s earlier answer and keeps everyone else\'s', () => {
    const first = withAnswer([], submit({ by: 'wang.wei', worked: ['first draft'] }));
    const both = withAnswer(first, submit({ by: 'chen.jing', didNot: [{ what: 'replies', rootCause: 'no roster' }] }));
    const revised = withAnswer(both, submit({ by: 'wang.wei', lessons: [{ text: 'brief earlier', skills: ['planning'] }] }));
    expect(revised).toHaveLength(2);
    expect(revised.find((a) => a.person === 'chen.jing')).toEqual({ person: 'chen.jing', worked: [], didNot: [{ what: 'replies', rootCause: 'no roster' }], lessons: [] });
    expect(revised.find((a) => a.person === 'wang.wei')).toEqual({ person: 'wang.wei', worked: [], didNot: [], lessons: [{ text: 'brief earlier', skills: ['planning'] }] });
    // The earlier list is not changed.
    expect(both.find((a) => a.person === 'wang.wei')!.worked).toEqual(['first draft']);
  });
});

describe('retrospectiveInputSchema', () => {
  it('refuses an empty answer, naming a field to fill in', () => {
    const result = retrospectiveInputSchema.safeParse({ by: 'wang.wei' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['worked']);
    expect(result.error!.issues[0]!.message).toMatch(/what worked/);
    expect(retrospectiveInputSchema.safeParse({ by: 'wang.wei', worked: [], didNot: [], lessons: [], analyses: [] }).success).toBe(false);
  });

  it('needs a root cause for what did not work', () => {
    const missing = retrospectiveInputSchema.safeParse({ by: 'wang.wei', didNot: [{ what: 'late replies' }] });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path)).toContainEqual(['didNot', 0, 'rootCause']);
    const blank = retrospectiveInputSchema.safeParse({ by: 'wang.wei', didNot: [{ what: 'late replies', rootCause: '   ' }] });
    expect(blank.success).toBe(false);
    expect(blank.error!.issues[0]!.path).toEqual(['didNot', 0, 'rootCause']);
    expect(retrospectiveInputSchema.safeParse({ by: 'wang.wei', didNot: [{ what: 'late replies', rootCause: 'no weekend roster' }] }).success).toBe(true);
  });

  it('refuses blank entries and a missing person', () => {
    expect(retrospectiveInputSchema.safeParse({ by: 'wang.wei', worked: ['  '] }).success).toBe(false);
    expect(retrospectiveInputSchema.safeParse({ by: '', worked: ['x'] }).success).toBe(false);
  });
});
