/**
 * Deadlines and dates: a KPI is due at `end`, at a phase, or on an ISO date that exists and falls
 * within the campaign; phases referred to must be in the plan.
 */
import { DAY_MS } from '../../duration.js';
import { flattenGoals } from '../../kpi/tree.js';
import { issue, type Path, type RuleIssue } from '../issues.js';
import { launchToRolloutEndMs, parseStart, plannedRolloutDates } from '../launch.js';
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
  if (plan.rollout.endBy !== undefined) dates.push({ value: plan.rollout.endBy, path: ['rollout', 'endBy'] });
  plan.team.forEach((member, i) => {
    if (member.delegate) dates.push({ value: member.delegate.until, path: ['team', i, 'delegate', 'until'] });
  });
  const start = plan.start !== undefined && parseStart(plan.start) === undefined ? [issue('date-not-real', ['start'], { value: plan.start })] : [];
  return [...start, ...dates
    .filter(({ value }) => calendarDate(value) === undefined)
    .map(({ value, path }) => issue('date-not-real', path, { value }))];
}

/**
 * `rollout.endBy` holds only against a launch date: the rollout launched on `start` and run as
 * long as the plan says must end on or before it. Both messages give the latest start that works.
 */
export function rolloutEndsBy(plan: Plan): RuleIssue[] {
  const endBy = plan.rollout.endBy;
  if (endBy === undefined || calendarDate(endBy) === undefined) return [];
  if (plan.start === undefined) {
    const latestStart = isoDay((calendarDate(endBy)! + DAY_MS) - launchToRolloutEndMs(plan));
    return [issue('end-by-needs-start', ['rollout', 'endBy'], { endBy, latestStart })];
  }
  const dates = plannedRolloutDates(plan);
  if (!dates || dates.lastDay <= endBy) return [];
  return [issue('rollout-ends-after-end-by', ['rollout', 'endBy'], {
    endBy, start: plan.start, lastDay: dates.lastDay, latestStart: dates.latestStart ?? endBy,
  })];
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
 * Around the launch (`start`): preparation before it (the longest chain of preparation tasks and
 * gate deadlines), then the pilot, warm-up and rollout after it. Gate sign-offs can take longer
 * than their deadline, so both ends are approximate — and a deadline beyond them is still worth
 * questioning.
 */
export function campaignWindow(plan: Plan): { start: number; end: number } | undefined {
  const local = plan.start === undefined ? undefined : parseStart(plan.start);
  if (local === undefined) return undefined;
  const launch = calendarDate(local.date)!;
  const preparation = preparationDays(plan);
  if (preparation === undefined) return undefined;
  return {
    start: launch - Math.ceil(preparation) * DAY_MS,
    end: launch + Math.ceil(launchToRolloutEndMs(plan) / DAY_MS) * DAY_MS,
  };
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
