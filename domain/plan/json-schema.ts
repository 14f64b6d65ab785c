/**
 * The plan format as JSON Schema, for editors: with `# yaml-language-server: $schema=…` at the top
 * of a plan, VS Code and others complete keys and underline mistakes while the plan is written.
 * Generated from the zod schema, so it cannot drift; docs/plan.schema.json is this, written out.
 */
import { z } from 'zod';
import { planSchema } from './schema.js';

/** Hover texts for the top-level sections, in both languages the plans are written in. */
const SECTIONS: Record<string, string> = {
  version: 'Plan format version. / 计划格式版本。',
  id: 'Campaign id: lower-case letters, digits and dashes; the workflow id is campaign:<id>. / 活动 id。',
  name: 'Campaign name, in any language. / 活动名称。',
  owner: 'Team member id of the person who owns the plan. / 计划负责人的成员 id。',
  start: 'Planned launch (first day of the pilot, else warm-up, else rollout), YYYY-MM-DD or YYYY-MM-DDTHH:MM in the plan timezone; preparation comes before it. / 计划上线日期(试点、预热或推广的第一天)。',
  timezone: 'IANA timezone for schedules and peak hours, e.g. Asia/Shanghai. / 时区。',
  currency: 'Three-letter currency code for all money in the plan. / 币种。',
  team: 'People, their roles and how to reach them (P1.5). / 团队成员与角色。',
  goals: 'KPI tree: leaves are measured (metric) or computed (formula); parents are sums (P1.1). / KPI 树。',
  strategy: 'Core strategy (P1.2). / 核心策略。',
  audiences: 'Personas and the channels that reach them (P1.3). / 目标受众。',
  budget: 'Total budget, reserve and capped items (P1.4). / 预算。',
  channels: 'Channels with budget range, peak hours and pacing (P1.10, P2.6, P2.7). / 渠道。',
  content: 'Core content pieces and the channels each is adapted for (P1.8, P2.5). / 内容。',
  gates: 'Sign-offs before launch, each with exactly one accountable person (P1.6). / 关卡与 RACI。',
  tasks: 'Scheduled tasks with owner, duration and dependencies (P2.1). / 任务排期。',
  pilot: 'Optional small-scale pilot ending in a go/no-go decision (P2.2). / 试点(可选)。',
  warmup: 'Warm-up before the full launch (P2.3). / 预热。',
  rollout: 'Full rollout: duration, reviews and budget optimisation (P2.4, P2.12, P2.13). / 全面推广。',
  interaction: 'Response time for users and crisis warning (P2.8–P2.10). / 用户互动与危机预警。',
  closing: 'Closing report and retrospective (P3). / 收尾。',
};

export function planJsonSchema(): Record<string, unknown> {
  // Draft-07: the draft editors' YAML support handles fully.
  const generated = z.toJSONSchema(planSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  const properties = generated['properties'] as Record<string, Record<string, unknown>>;
  for (const [key, description] of Object.entries(SECTIONS)) {
    if (properties[key]) properties[key] = { description, ...properties[key] };
  }
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Campaign plan',
    description: 'A marketing campaign plan that the campaign engine validates and runs. Keys are English; names and texts may be in any language. / 营销活动计划: 键名为英文, 名称和文本可以使用任何语言。',
    ...rest,
  };
}

/** Exactly the text of docs/plan.schema.json. */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}
