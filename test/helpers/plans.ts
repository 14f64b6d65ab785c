import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { planSchema, type Plan } from '../../domain/plan/schema.js';

const EXAMPLE = new URL('../../examples/spring-tea.zh.yaml', import.meta.url);

/** The spring-tea example with a shorter rollout, so a whole campaign runs in seconds. */
export function rehearsalPlan(rolloutDuration = '3d'): Plan {
  const raw = parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
  const plan = planSchema.parse(raw);
  return { ...plan, rollout: { ...plan.rollout, duration: rolloutDuration } };
}

/** A time scale under which one campaign day lasts `dayMs` milliseconds. */
export function scaleForDay(dayMs: number): number {
  return 86_400_000 / dayMs;
}

let counter = 0;
export function uniqueCampaignId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
