/**
 * Roles as a vocabulary: a team that writes its roles in Chinese keeps the powers those roles
 * grant, and a role the campaign does not know is a warning that names the nearest one.
 */
import { describe, expect, it } from 'vitest';
import { checkCrisisAction, crisisOperators } from '../../../domain/execution/checks.js';
import { overdueAnswersAudience, refusedPostAudience } from '../../../domain/execution/audiences.js';
import { channelResponsible, stepDeciders } from '../../../domain/execution/steps.js';
import { crisisActionInputSchema } from '../../../domain/execution/actions.js';
import { ROLES, roleKey } from '../../../domain/plan/roles.js';
import { validatePlanText, type PlanValidation } from '../../../domain/plan/validate.js';
import { readRepoFile, MINIMAL } from './plan-fixtures.js';

/** The minimal plan with chen.jing on the team, holding the roles written. */
function planText(roles: string): string {
  return readRepoFile(MINIMAL).replace(
    '  - { id: wang.wei, name: 王伟, roles: [content] }',
    `  - { id: wang.wei, name: 王伟, roles: [content] }\n  - { id: chen.jing, name: 陈静, roles: ${roles} }`,
  );
}

function valid(result: PlanValidation): Extract<PlanValidation, { ok: true }> {
  if (!result.ok) throw new Error(`expected a valid plan: ${JSON.stringify(result.issues)}`);
  return result;
}

const AT = new Date('2027-03-20T02:00:00.000Z');

describe('roles written as Chinese labels', () => {
  const { plan, warnings } = valid(validatePlanText(planText('[渠道运营, 客服]'), { lang: 'zh-CN' }));

  it('are read as their keys, without a warning', () => {
    expect(plan.team.find((m) => m.id === 'chen.jing')?.roles).toEqual(['channel-ops', 'customer-service']);
    expect(warnings).toEqual([]);
  });

  it('let 渠道运营 start a crisis and retry a failed step', () => {
    expect(crisisOperators(plan)).toContain('chen.jing');
    const start = crisisActionInputSchema.parse({ action: 'start', by: 'chen.jing', reason: '包装破损投诉集中' });
    expect(checkCrisisAction(plan, undefined, start, AT)).toMatchObject({ ok: true });
    expect(stepDeciders(plan, { channel: 'douyin' }, AT)).toContain('chen.jing');
  });

  it('tell 渠道运营 of refused posts and failed steps on channels without their own responsible', () => {
    expect(refusedPostAudience(plan)).toEqual(['li.na', 'chen.jing']);
    expect(channelResponsible(plan, 'douyin')).toEqual(['chen.jing']);
  });

  it('tell 客服 of overdue answers instead of the owner', () => {
    expect(overdueAnswersAudience(plan)).toEqual(['chen.jing']);
  });
});

describe('the role vocabulary', () => {
  it('reads keys, Chinese and English labels and loose spellings as one key', () => {
    expect(['channel-ops', '渠道运营', 'Channel Operations', 'channel_ops', ' CHANNEL-OPS ']
      .map(roleKey)).toEqual(Array(5).fill('channel-ops'));
    expect(['运营', '客服', '项目经理', '数据', '内容', '设计', '销售'].map(roleKey))
      .toEqual(['ops', 'customer-service', 'pm', 'data', 'content', 'design', 'sales']);
  });

  it('never gives one spelling to two roles', () => {
    for (const role of ROLES) {
      for (const written of [role.key, role.zh, role.en, ...role.aliases]) expect(roleKey(written), written).toBe(role.key);
    }
  });

  it('keeps a role nobody grants powers to as written, and says what it grants: nothing', () => {
    const { plan, warnings } = valid(validatePlanText(planText('[渠道运维, 主播]'), { lang: 'zh-CN' }));
    expect(plan.team.find((m) => m.id === 'chen.jing')?.roles).toEqual(['渠道运维', '主播']);
    expect(crisisOperators(plan)).not.toContain('chen.jing');
    expect(warnings.map((w) => [w.rule, w.path, w.line])).toEqual([
      ['unknown-role', 'team[2].roles[0]', 9],
      ['unknown-role', 'team[2].roles[1]', 9],
    ]);
    expect(warnings[0]!.message).toContain('你是不是想写 channel-ops(渠道运营)?');
    expect(warnings[1]!.message).not.toContain('你是不是想写');
  });

  it('names the nearest key in English too', () => {
    const { warnings } = valid(validatePlanText(planText('[channel-op]'), { lang: 'en' }));
    expect(warnings[0]!.message).toBe(
      "Team member 'chen.jing': role 'channel-op' is not one the campaign knows, so it grants nothing (who may stop a crisis, who hears of refused posts). Did you mean 'channel-ops' (渠道运营)?",
    );
    expect(warnings[0]!.fix).toContain('channel-ops');
  });
});
