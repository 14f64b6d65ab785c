/**
 * Who hears about a gate (RACI, P1.6), in which language, and where to reach them. Pure: the
 * workflow passes the time in, because a delegation's end date decides who may act.
 */
import { hasChinese } from '../plan/text-width.js';
import type { Gate, Member, Plan } from '../plan/schema.js';
import type { NotificationKind, NotificationLanguage } from './messages.js';
import { notifyTargetOf, type NotifyTarget, type WrittenTarget } from './targets.js';

export type { NotifyTarget } from './targets.js';

export interface NotifyRecipient {
  personId: string;
  language: NotificationLanguage;
  targets: NotifyTarget[];
}

/** The member's own choice, else the language the plan is written in. */
export function recipientLanguage(plan: Pick<Plan, 'name'>, member: Pick<Member, 'language'> | undefined): NotificationLanguage {
  return member?.language ?? (hasChinese(plan.name) ? 'zh-CN' : 'en');
}

/**
 * The team members among `personIds` that can be reached, once each, in the given order. People
 * without notify targets are left out: there is nowhere to deliver to.
 */
export function notifyRecipients(plan: Plan, personIds: readonly string[]): NotifyRecipient[] {
  const recipients: NotifyRecipient[] = [];
  for (const personId of new Set(personIds)) {
    const member = plan.team.find((m) => m.id === personId);
    if (!member || member.notify.length === 0) continue;
    // A campaign started before targets were named still has inline targets in its plan.
    const written: readonly WrittenTarget[] = member.notify;
    recipients.push({ personId, language: recipientLanguage(plan, member), targets: written.map(notifyTargetOf) });
  }
  return recipients;
}

/** The RACI of a gate: the plan's gate, or the campaign's gate state with the plan's `escalateTo`. */
export type GateRaci = Pick<Gate, 'accountable' | 'responsible' | 'consulted' | 'informed'> & { escalateTo?: string | undefined };

/**
 * Who is told what about a gate: the accountable person (and a delegate while the delegation
 * lasts) is asked and reminded; the escalation goes to `escalateTo`; consulted people are asked
 * for input; responsible and informed people hear the outcome, except whoever decided.
 */
export function gateAudience(
  plan: Plan,
  gate: GateRaci,
  kind: Exclude<NotificationKind, 'review-summary' | 'notice'>,
  opts: { at: Date; decidedBy?: string },
): string[] {
  switch (kind) {
    case 'gate-waiting':
    case 'gate-reminder':
      return [gate.accountable, ...activeDelegate(plan, gate.accountable, opts.at)];
    case 'gate-escalation':
      return gate.escalateTo ? [gate.escalateTo] : [];
    case 'consult-request':
      return unique(gate.consulted.filter((p) => p !== gate.accountable));
    case 'gate-decided':
      return unique([...gate.responsible, ...gate.informed]).filter((p) => p !== opts.decidedBy);
  }
}

function activeDelegate(plan: Plan, personId: string, at: Date): string[] {
  const delegation = plan.team.find((m) => m.id === personId)?.delegate;
  return delegation && localDate(at, plan.timezone) <= delegation.until ? [delegation.to] : [];
}

/** The calendar date in the plan's time zone, as the delegation's `until` is written. */
function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
