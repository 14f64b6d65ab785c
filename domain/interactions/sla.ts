/**
 * Answering people in time (P2.8): every comment, message, question or complaint from the audience
 * gets an answer within the plan's `interaction.responseSla`. An item is answered when the platform
 * says so (`answeredAt`) or when one of the team replied to it; whatever the team writes needs no
 * answer itself. Without a list of the team's accounts, any reply from someone other than the
 * author answers an item, and replies are taken as the conversation going on, needing no answer.
 * Times are plan time, ISO instants.
 */
import { parseDuration } from '../duration.js';
import { formatSpan } from '../notifications/time.js';
import type { Lang } from '../plan/issues.js';

export interface Interaction {
  id: string;
  channelId: string;
  author: string;
  text: string;
  at: string;
  /** The interaction this one answers, on the same thread. */
  replyTo?: string | undefined;
  /** When it was answered, where the platform or a person recorded that directly. */
  answeredAt?: string | undefined;
}

export interface SlaOptions {
  /** The plan's `responseSla` (`2h`), or milliseconds. */
  responseSla: string | number;
  now: string;
  /** Accounts that speak for the brand: their replies answer, their own posts need no answer. */
  staff?: readonly string[] | undefined;
  /** What people call each channel (小红书), for messages. */
  channelNames?: Readonly<Record<string, string>>;
}

export interface SlaBreach {
  id: string;
  channelId: string;
  author: string;
  at: string;
  dueAt: string;
  /** Milliseconds past the deadline at `now`. */
  overdueMs: number;
  message: Record<Lang, string>;
}

export interface SlaSummary {
  /** Audience items up to `now`. */
  received: number;
  answeredInTime: number;
  answeredLate: number;
  /** Unanswered, still within the limit. */
  waiting: number;
  breaches: SlaBreach[];
}

/** Unanswered audience items older than the limit at `now`, the longest overdue first. */
export function slaBreaches(items: readonly Interaction[], options: SlaOptions): SlaBreach[] {
  return slaSummary(items, options).breaches;
}

export function slaSummary(items: readonly Interaction[], options: SlaOptions): SlaSummary {
  const sla = slaMs(options.responseSla);
  const now = instant(options.now);
  const answers = answerTimes(items, options.staff, now);
  const summary: SlaSummary = { received: 0, answeredInTime: 0, answeredLate: 0, waiting: 0, breaches: [] };
  for (const item of audienceItems(items, options.staff, now)) {
    summary.received++;
    const at = instant(item.at);
    const answered = answers.get(item.id);
    if (answered !== undefined) {
      if (answered - at <= sla) summary.answeredInTime++;
      else summary.answeredLate++;
    } else if (now - at > sla) {
      summary.breaches.push(breach(item, at + sla, now - at - sla, sla, options.channelNames));
    } else {
      summary.waiting++;
    }
  }
  summary.breaches.sort((a, b) => b.overdueMs - a.overdueMs || a.id.localeCompare(b.id));
  return summary;
}

/**
 * When the next unanswered item will breach, as an ISO instant after `now`, or undefined when none
 * is waiting: the moment a workflow has to look again.
 */
export function nextSlaDeadline(items: readonly Interaction[], options: Omit<SlaOptions, 'channelNames'>): string | undefined {
  const sla = slaMs(options.responseSla);
  const now = instant(options.now);
  const answers = answerTimes(items, options.staff, now);
  let next = Infinity;
  for (const item of audienceItems(items, options.staff, now)) {
    const due = instant(item.at) + sla;
    if (!answers.has(item.id) && due >= now) next = Math.min(next, due);
  }
  return Number.isFinite(next) ? new Date(next).toISOString() : undefined;
}

function audienceItems(items: readonly Interaction[], staff: readonly string[] | undefined, now: number): Interaction[] {
  const team = new Set(staff);
  const needsAnswer = (item: Interaction) => (staff === undefined ? item.replyTo === undefined : !team.has(item.author));
  return items.filter((item) => needsAnswer(item) && instant(item.at) <= now);
}

/** The first answer to each item known at `now`: its own `answeredAt`, or the team's first reply. */
function answerTimes(items: readonly Interaction[], staff: readonly string[] | undefined, now: number): Map<string, number> {
  const team = new Set(staff);
  const authors = new Map(items.map((item) => [item.id, item.author]));
  const answers = (reply: Interaction, to: string) => (staff === undefined ? authors.get(to) !== reply.author : team.has(reply.author));
  const first = new Map<string, number>();
  const note = (id: string, at: number) => {
    if (at <= now && at < (first.get(id) ?? Infinity)) first.set(id, at);
  };
  for (const item of items) {
    if (item.answeredAt !== undefined) note(item.id, instant(item.answeredAt));
    if (item.replyTo !== undefined && answers(item, item.replyTo)) note(item.replyTo, instant(item.at));
  }
  return first;
}

function breach(item: Interaction, due: number, overdueMs: number, sla: number, names: Readonly<Record<string, string>> = {}): SlaBreach {
  const channel = names[item.channelId] ?? item.channelId;
  const waited = overdueMs + sla;
  return {
    id: item.id, channelId: item.channelId, author: item.author, at: item.at, dueAt: new Date(due).toISOString(), overdueMs,
    message: {
      en: `${item.author} on ${channel} has waited ${formatSpan(waited, 'en')} for an answer; the limit is ${formatSpan(sla, 'en')}.`,
      'zh-CN': `${channel} 上 ${item.author} 的留言已等待 ${formatSpan(waited, 'zh-CN')} 未回复, 时限为 ${formatSpan(sla, 'zh-CN')}。`,
    },
  };
}

function slaMs(responseSla: string | number): number {
  const ms = typeof responseSla === 'number' ? responseSla : parseDuration(responseSla);
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a response limit is a duration such as 2h (got ${String(responseSla)})`);
  return ms;
}

function instant(iso: string): number {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) throw new RangeError(`"${iso}" is not an ISO instant such as 2027-03-01T04:00:00Z`);
  return at;
}
