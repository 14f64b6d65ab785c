/**
 * The plan guides in docs/ are what the field docs and the role vocabulary say today. After a
 * change to either: `npx vitest run test/domain/plan/plan-guide.test.ts -u` writes them again.
 */
import { describe, expect, it } from 'vitest';
import { planGuide } from '../../../domain/plan/guide.js';
import { planJsonSchema } from '../../../domain/plan/json-schema.js';
import { ROLES } from '../../../domain/plan/roles.js';
import { schemaFields } from '../../../domain/plan/schema-fields.js';

describe.each([['en', 'plan-guide.md'], ['zh-CN', 'plan-guide.zh-CN.md']] as const)('the %s plan guide', (lang, file) => {
  const guide = planGuide(lang);

  it(`is what docs/${file} holds`, async () => {
    await expect(guide).toMatchFileSnapshot(`../../../docs/${file}`);
  });

  it('has a row for every field of the plan', () => {
    const missing = schemaFields(planJsonSchema()).map((field) => field.path).filter((path) => !guide.includes(`| \`${path}\``));
    expect(missing).toEqual([]);
  });

  it('lists every role of the vocabulary with its Chinese label', () => {
    for (const role of ROLES) expect(guide).toMatch(new RegExp(`\\| \`${role.key}\` \\| ${role.zh}`));
  });
});

it('tells a reader what approvalAbove and goals.due take, in each language', () => {
  expect(planGuide('en')).toMatch(/\| `rollout\.optimization\.approvalAbove` \| Moves larger than this share .* \| a share from 0 to 1 \|/);
  expect(planGuide('zh-CN')).toMatch(/\| `goals\[\]\.due` \| 目标的截止时间: end\(活动结束\)/);
});
