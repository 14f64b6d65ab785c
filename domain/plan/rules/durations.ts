/**
 * Plan durations that cannot be run: a phase, deadline or window of no time at all, a reminder
 * that would repeat faster than anyone can read it (each one is a timer and a message), and
 * spans no campaign lasts, which would also make the campaign count its days into the billions.
 */
import { DAY_MS, isDuration, parseDuration } from '../../duration.js';
import { issue, type Path, type RuleIssue } from '../issues.js';
import type { Plan } from '../schema.js';

/** Reminders repeat; more often than this they would flood the person's chat. */
export const MIN_REMINDER = '1m';
/** Five years: longer than any campaign phase, gate or window a plan describes. */
export const MAX_DURATION = '260w';

interface PlanDuration {
  path: Path;
  value: string;
  /** Zero means something here: no consult window, a task that is a milestone. */
  zeroAllowed?: boolean;
  reminder?: boolean;
}

function planDurations(plan: Plan): PlanDuration[] {
  const found: PlanDuration[] = [];
  const add = (path: Path, value: string | undefined, kind: Omit<PlanDuration, 'path' | 'value'> = {}) => {
    if (value !== undefined) found.push({ path, value, ...kind });
  };
  plan.gates.forEach((gate, i) => {
    add(['gates', i, 'consultWindow'], gate.consultWindow, { zeroAllowed: true });
    add(['gates', i, 'due'], gate.due);
    add(['gates', i, 'remind'], gate.remind, { reminder: true });
  });
  plan.tasks.forEach((task, i) => add(['tasks', i, 'duration'], task.duration, { zeroAllowed: true }));
  plan.channels.forEach((channel, i) => add(['channels', i, 'pacing', 'maxSilence'], channel.pacing?.maxSilence));
  add(['pilot', 'duration'], plan.pilot?.duration);
  add(['warmup', 'duration'], plan.warmup?.duration);
  add(['rollout', 'duration'], plan.rollout.duration);
  add(['interaction', 'responseSla'], plan.interaction?.responseSla);
  add(['interaction', 'crisis', 'window'], plan.interaction?.crisis?.window);
  add(['closing', 'retrospective', 'remind'], plan.closing.retrospective?.remind, { reminder: true });
  return found;
}

export function durationsInRange(plan: Plan): RuleIssue[] {
  const minReminder = parseDuration(MIN_REMINDER);
  const max = parseDuration(MAX_DURATION);
  return planDurations(plan).flatMap(({ path, value, zeroAllowed, reminder }): RuleIssue[] => {
    // A malformed duration is the schema's finding.
    if (!isDuration(value)) return [];
    const key = String(path.at(-1));
    const ms = parseDuration(value);
    if (ms === 0 && !zeroAllowed) return [issue('duration-zero', path, { key, value })];
    if (reminder && ms < minReminder) return [issue('reminder-too-frequent', path, { key, value, minimum: MIN_REMINDER })];
    if (ms > max) return [issue('duration-too-long', path, { key, value, maximum: MAX_DURATION, days: Math.round(ms / DAY_MS) })];
    return [];
  });
}
