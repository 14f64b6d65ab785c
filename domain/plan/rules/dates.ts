/**
 * Deadlines and dates: a KPI is due at `end`, at a phase, or on an ISO date that exists and falls
 * within the campaign; phases referred to must be in the plan.
 */
import { DAY_MS } from '../../duration.js';
import { flattenGoals } from '../../kpi/tree.js';
import { issue, type Path, type RuleIssue } from '../issues.js';
import { durationDays, scheduleItems } from '../schedule.js';
import { PHASES, type Plan } from '../schema.js';
import { didYouMean } from '../suggest.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEADLINE_WORDS = ['end', ...PHASES];

/** Milliseconds since the epoch at midnight UTC, or undefined for dates like 2027-02-30. */
export function calendarDate(text: string): number | undefined {
  if (!ISO_DATE.test(text)) return undefined;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? ms : undefined;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Phases that only exist when the plan has a section for them. */
function missingPhase(plan: Plan, phase: string): boolean {
  return (phase === 'pilot' && !plan.pilot) || (phase === 'warmup' && !plan.warmup);
}

/** Dates written in the plan must exist on the calendar (the schema only checks their shape). */
export function realDates(plan: Plan): RuleIssue[] {
  const dates: { value: string; path: Path }[] = [];
  if (plan.start !== undefined) dates.push({ value: plan.start, path: ['start'] });
  plan.team.forEach((member, i) => {
    if (member.delegate) dates.push({ value: member.delegate.until, path: ['team', i, 'delegate', 'until'] });
  });
  return dates
    .filter(({ value }) => calendarDate(value) === undefined)
    .map(({ value, path }) => issue('date-not-real', path, { value }));
}

export function goalDeadlines(plan: Plan): RuleIssue[] {
  return flattenGoals(plan.goals).flatMap(({ goal, location }): RuleIssue[] => {
    const due = goal.due;
    if (due === undefined || due === 'end') return [];
    const path = [...location, 'due'];
    if ((PHASES as readonly string[]).includes(due)) return missingPhase(plan, due) ? [issue('phase-not-in-plan', path, { phase: due })] : [];
    if (!ISO_DATE.test(due)) return [issue('goal-due-invalid', path, { value: due, suggestion: didYouMean(due, DEADLINE_WORDS) })];
    return calendarDate(due) === undefined ? [issue('date-not-real', path, { value: due })] : [];
  });
}

/** Only checkable when the plan says when it starts. */
export function goalsDueWithinCampaign(plan: Plan): RuleIssue[] {
  const window = campaignWindow(plan);
  if (!window) return [];
  return flattenGoals(plan.goals).flatMap(({ goal, location }): RuleIssue[] => {
    const day = goal.due === undefined ? undefined : calendarDate(goal.due);
    if (day === undefined || (day >= window.start && day <= window.end)) return [];
    return [issue('goal-due-outside-campaign', [...location, 'due'], { value: goal.due!, start: isoDay(window.start), end: isoDay(window.end) })];
  });
}

export function taskPhases(plan: Plan): RuleIssue[] {
  return plan.tasks.flatMap((task, i) => (missingPhase(plan, task.phase)
    ? [issue('phase-not-in-plan', ['tasks', i, 'phase'], { phase: task.phase })]
    : []));
}

/**
 * From `start` to the end of the rollout: preparation (the longest chain of preparation tasks and
 * gate deadlines), then the pilot, warm-up and rollout. Gate sign-offs can take longer than their
 * deadline, so the end is approximate — and a deadline beyond it is still worth questioning.
 */
export function campaignWindow(plan: Plan): { start: number; end: number } | undefined {
  const start = plan.start === undefined ? undefined : calendarDate(plan.start);
  if (start === undefined) return undefined;
  const preparation = preparationDays(plan);
  if (preparation === undefined) return undefined;
  const days = preparation
    + (plan.pilot ? durationDays(plan.pilot.duration) : 0)
    + (plan.warmup ? durationDays(plan.warmup.duration) : 0)
    + durationDays(plan.rollout.duration);
  return { start, end: start + Math.ceil(days) * DAY_MS };
}

/** Days of preparation when every task takes its duration and every gate its deadline; undefined for a cycle. */
export function preparationDays(plan: Pick<Plan, 'tasks' | 'gates'>): number | undefined {
  const preparation = scheduleItems([
    ...plan.tasks.filter((task) => task.phase === 'preparation')
      .map((task) => ({ id: `task:${task.id}`, days: durationDays(task.duration), dependsOn: task.dependsOn.map((id) => `task:${id}`) })),
    ...plan.gates.map((gate) => ({
      id: `gate:${gate.id}`,
      days: gate.due === undefined ? 0 : durationDays(gate.due),
      dependsOn: gate.dependsOn.flatMap((id) => [`gate:${id}`, `task:${id}`]),
    })),
  ]);
  return preparation.ok ? preparation.length : undefined;
}
