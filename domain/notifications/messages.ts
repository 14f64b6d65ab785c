/**
 * What the campaign tells people about gates, and the words it uses. A message is plain data the
 * workflow builds (it travels through Temporal); rendering turns it into a title, lines and the
 * commands to run, in the reader's language, for every channel to format in its own way.
 */
import type { REPORT_LANGUAGES } from '../plan/schema.js';
import { TEXTS, type Phrases } from './texts.js';
import { formatSpan } from './time.js';

export type NotificationLanguage = (typeof REPORT_LANGUAGES)[number];

export const NOTIFICATION_KINDS = [
  'gate-waiting', 'gate-reminder', 'gate-escalation', 'gate-decided', 'consult-request', 'review-summary', 'notice',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface PersonRef {
  id: string;
  name: string;
}

export interface CampaignRef {
  id: string;
  name: string;
  /** Times are shown in the plan's time zone, the one the team plans in. */
  timezone: string;
}

export interface GateRef {
  id: string;
  title: string;
  round: number;
}

/** The gate's checklist item as the campaign tracks it (the same field names as the gate state). */
export interface ChecklistItem {
  item: string;
  ticked: boolean;
}

interface AboutGate {
  campaign: CampaignRef;
  gate: GateRef;
  /** When the workflow sent it (workflow time), ISO 8601. */
  at: string;
}

interface Waiting extends AboutGate {
  accountable: PersonRef;
  /** When the current round opened, ISO 8601. */
  since: string;
  due?: string;
  checklist: ChecklistItem[];
}

export interface GateWaitingMessage extends Waiting {
  kind: 'gate-waiting';
  /** The send-back that opened this round, so the approver sees what was to be reworked. */
  sentBack?: { by: PersonRef; comment: string };
}

export interface GateReminderMessage extends Waiting {
  kind: 'gate-reminder';
  sentBack?: { by: PersonRef; comment: string };
}

export interface GateEscalationMessage extends AboutGate {
  kind: 'gate-escalation';
  accountable: PersonRef;
  since: string;
  due?: string;
}

export interface GateDecidedMessage extends AboutGate {
  kind: 'gate-decided';
  decision: 'approve' | 'send-back';
  by: PersonRef;
  /** Set when a delegate decided for the accountable person. */
  onBehalfOf?: PersonRef;
  comment?: string;
}

export interface ConsultRequestMessage extends Waiting {
  kind: 'consult-request';
}

/** A weekly or monthly review, for the owner and informed people (P2.12). */
export interface ReviewSummaryMessage {
  kind: 'review-summary';
  campaign: CampaignRef;
  at: string;
  period: 'weekly' | 'monthly';
  /** `2027-W11` or `2027-03`. */
  label: string;
  fromDay: number;
  toDay: number;
  currency: string;
  totals: { spend: number; orders: number; revenue: number; roi: number | null };
  channels: Array<{ name: string; spend: number; orders: number; roi: number | null }>;
  /** What stood out, already in the plan's language (reasons, anomalies). */
  notes: string[];
}

/** Text in every notification language, written where the event is understood. */
export type InEveryLanguage = Record<NotificationLanguage, string>;

/**
 * Everything else the campaign tells people (a task to start, a pilot to decide, a failed post, a
 * crisis): written in both languages where the event is built, so adding one needs no new kind.
 */
export interface NoticeMessage {
  kind: 'notice';
  /** What it is about, for logs and tests: `task-started`, `pilot-decision`, `crisis`, … */
  topic: string;
  campaign: CampaignRef;
  at: string;
  title: InEveryLanguage;
  lines: InEveryLanguage[];
  commands: Array<{ label: InEveryLanguage; text: string }>;
}

export type NotificationMessage =
  | NoticeMessage
  | ReviewSummaryMessage
  | GateWaitingMessage
  | GateReminderMessage
  | GateEscalationMessage
  | GateDecidedMessage
  | ConsultRequestMessage;

export interface NotificationCommand {
  label: string;
  /** A shell command the reader can paste as it is. */
  text: string;
}

/** A message in one language, before any channel formats it. */
export interface RenderedNotification {
  title: string;
  lines: string[];
  /** The first command is the main action. */
  commands: NotificationCommand[];
}

export interface Reader {
  personId: string;
  language: NotificationLanguage;
}

export function renderNotification(message: NotificationMessage, reader: Reader): RenderedNotification {
  const say = TEXTS[reader.language];
  switch (message.kind) {
    case 'gate-waiting':
    case 'gate-reminder':
      return renderWaiting(message, reader, say);
    case 'gate-escalation':
      return renderEscalation(message, say);
    case 'gate-decided':
      return renderDecided(message, say);
    case 'consult-request':
      return renderConsult(message, say);
    case 'review-summary':
      return renderReviewSummary(message, say);
    case 'notice':
      return renderNotice(message, reader.language, say);
  }
}

function renderNotice(m: NoticeMessage, language: NotificationLanguage, say: Phrases): RenderedNotification {
  return {
    title: language === 'zh-CN' ? `【${m.campaign.name}】${m.title[language]}` : `[${m.campaign.name}] ${m.title[language]}`,
    lines: [say.campaignLine(m.campaign), ...m.lines.map((line) => line[language])],
    commands: m.commands.length > 0
      ? m.commands.map((c) => ({ label: c.label[language], text: c.text }))
      : [{ label: say.statusLabel, text: statusCommand(m.campaign.id) }],
  };
}

function renderReviewSummary(m: ReviewSummaryMessage, say: Phrases): RenderedNotification {
  return {
    title: say.reviewTitle(m.campaign, m.period, m.label),
    lines: [
      say.campaignLine(m.campaign),
      say.reviewDays(m.fromDay, m.toDay),
      say.reviewTotals(m.totals, m.currency),
      ...m.channels.map((c) => say.reviewChannel(c, m.currency)),
      ...m.notes,
    ],
    commands: [{ label: say.statusLabel, text: statusCommand(m.campaign.id) }],
  };
}

function renderWaiting(m: GateWaitingMessage | GateReminderMessage, reader: Reader, say: Phrases): RenderedNotification {
  const reminder = m.kind === 'gate-reminder';
  const lines = [
    say.campaignLine(m.campaign),
    say.gateLine(m.gate),
    say.waitingSince(m.since, m.campaign.timezone),
    ...(reminder ? [say.waitingFor(formatSpan(elapsed(m.since, m.at), reader.language))] : []),
    ...(m.due ? [say.due(m.due, m.campaign.timezone)] : []),
    ...(m.sentBack ? [say.sentBack(m.sentBack.by, m.sentBack.comment)] : []),
    ...(reader.personId !== m.accountable.id ? [say.asDelegate(m.accountable)] : []),
    ...checklistLines(m.checklist, say),
  ];
  return {
    title: reminder ? say.reminderTitle(m.campaign, m.gate) : say.waitingTitle(m.campaign, m.gate),
    lines,
    commands: [
      { label: say.approveLabel, text: approveCommand(m.campaign.id, m.gate.id, reader.personId) },
      { label: say.sendBackLabel, text: sendBackCommand(m.campaign.id, m.gate.id, reader.personId, say.reworkPlaceholder) },
    ],
  };
}

function renderEscalation(m: GateEscalationMessage, say: Phrases): RenderedNotification {
  const span = formatSpan(elapsed(m.since, m.at), say.language);
  return {
    title: say.escalationTitle(m.campaign, m.gate, m.accountable, span),
    lines: [
      say.campaignLine(m.campaign),
      say.gateLine(m.gate),
      say.notDecided(m.accountable, span, m.since, m.campaign.timezone),
      ...(m.due ? [say.due(m.due, m.campaign.timezone)] : []),
      say.followUp(m.accountable),
    ],
    commands: [{ label: say.statusLabel, text: statusCommand(m.campaign.id) }],
  };
}

function renderDecided(m: GateDecidedMessage, say: Phrases): RenderedNotification {
  return {
    title: say.decidedTitle(m.campaign, m.gate, m.decision, m.by),
    lines: [
      say.campaignLine(m.campaign),
      say.gateLine(m.gate),
      say.decision(m.decision),
      say.decidedBy(m.by, m.onBehalfOf),
      ...(m.comment ? [say.comment(m.comment)] : []),
      say.decidedAt(m.at, m.campaign.timezone),
      ...(m.decision === 'send-back' ? [say.nextRound(m.gate.round + 1)] : []),
    ],
    commands: [{ label: say.statusLabel, text: statusCommand(m.campaign.id) }],
  };
}

function renderConsult(m: ConsultRequestMessage, say: Phrases): RenderedNotification {
  return {
    title: say.consultTitle(m.campaign, m.gate),
    lines: [
      say.campaignLine(m.campaign),
      say.gateLine(m.gate),
      say.consultAsk(m.accountable),
      say.waitingSince(m.since, m.campaign.timezone),
      ...(m.due ? [say.due(m.due, m.campaign.timezone)] : []),
      ...checklistLines(m.checklist, say),
      say.consultReply(m.accountable),
    ],
    commands: [{ label: say.statusLabel, text: statusCommand(m.campaign.id) }],
  };
}

function checklistLines(items: readonly ChecklistItem[], say: Phrases): string[] {
  if (items.length === 0) return [];
  const done = items.filter((i) => i.ticked).length;
  return [say.checklistHeading(done, items.length), ...items.map((i) => `${i.ticked ? '☑' : '☐'} ${i.item}`)];
}

function elapsed(fromIso: string, toIso: string): number {
  return Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
}

export function approveCommand(campaignId: string, gateId: string, personId: string): string {
  return ['npx', 'campaign', 'approve', shellWord(campaignId), shellWord(gateId), '--as', shellWord(personId)].join(' ');
}

export function sendBackCommand(campaignId: string, gateId: string, personId: string, placeholder: string): string {
  return ['npx', 'campaign', 'send-back', shellWord(campaignId), shellWord(gateId), '--as', shellWord(personId),
    '--comment', `"${placeholder}"`].join(' ');
}

export function statusCommand(campaignId: string): string {
  return `npx campaign status ${shellWord(campaignId)}`;
}

/** Ids are usually safe as they are; `--id` lets a campaign id hold anything, so quote when needed. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9._:@/=+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
