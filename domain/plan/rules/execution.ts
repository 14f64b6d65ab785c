/**
 * Execution settings (P2) that would silently do nothing or everything: content with no channel
 * is never published, a peak-hour range that starts where it ends holds no minute, a crisis share
 * of 0 makes every busy hour a crisis, and a closing with no report language writes no report.
 */
import { dayWindows } from '../../publishing/peak-hours.js';
import { issue, type RuleIssue } from '../issues.js';
import type { Plan } from '../schema.js';

export function contentHasChannels(plan: Plan): RuleIssue[] {
  return plan.content.flatMap((item, i) => (item.channels.length === 0 ? [issue('content-no-channels', ['content', i, 'channels'], {})] : []));
}

/** `22:00-02:00` runs past midnight and `00:00-24:00` is the whole day, but `20:00-20:00` holds no minute. */
export function peakHoursNotEmpty(plan: Plan): RuleIssue[] {
  return plan.channels.flatMap((channel, i) => channel.peakHours.flatMap((value, j) => (dayWindows([value]).length === 0
    ? [issue('peak-hours-empty', ['channels', i, 'peakHours', j], { value })]
    : [])));
}

export function crisisShareAboveZero(plan: Plan): RuleIssue[] {
  return plan.interaction?.crisis?.negativeShare === 0 ? [issue('crisis-share-zero', ['interaction', 'crisis', 'negativeShare'], {})] : [];
}

export function reportLanguagesGiven(plan: Plan): RuleIssue[] {
  return plan.closing.reportLanguages.length === 0 ? [issue('report-languages-empty', ['closing', 'reportLanguages'], {})] : [];
}
