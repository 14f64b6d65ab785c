/**
 * The plans the benchmarks run: the spring-tea example (5 channels, 4 gates with RACI, checklists,
 * tasks) as a team would write it, passed through the same validation as `campaign start`, with
 * the rollout shortened to the length a measurement needs.
 */
import { readFileSync } from 'node:fs';
import { validatePlanText } from '../../domain/plan/validate.js';
import type { Plan } from '../../domain/plan/schema.js';

const EXAMPLE = new URL('../../examples/spring-tea.zh.yaml', import.meta.url);
const exampleText = readFileSync(EXAMPLE, 'utf8');

/** Validates the example's text (part of what a campaign start costs) and sets the rollout length. */
export function validatedPlan(rolloutDays: number): Plan {
  const result = validatePlanText(exampleText, { lang: 'en', fileName: 'spring-tea.zh.yaml' });
  if (!result.ok) throw new Error(`the example plan no longer validates: ${JSON.stringify(result.issues[0])}`);
  return { ...result.plan, rollout: { ...result.plan.rollout, duration: `${rolloutDays}d` } };
}

/** A time scale under which one campaign day lasts `dayMs` of wall-clock time. */
export function scaleForDay(dayMs: number): number {
  return 86_400_000 / dayMs;
}
