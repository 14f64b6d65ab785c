/**
 * Every key the campaign's effects are de-duplicated by, and where a platform call goes. Keys are
 * decided here, in the workflow, from the campaign's own steps (DESIGN.md §3) — never from an
 * attempt number or an activity id, which restart after continue-as-new. Activities receive them in
 * their input: platforms refuse a different effect under a key they have seen, the store keeps one
 * row per key, and a notification or audit event is recorded once per key.
 */
import { currentUpdateInfo } from '@temporalio/workflow';
import type { AdapterName } from '../../activities/channels/registry.js';
import type { Plan } from '../../domain/plan/schema.js';

type PlanChannel = Plan['channels'][number];

/** The channel a budget or post goes to: its adapter, its kind and, for webhooks, its endpoint. */
export interface ChannelTarget {
  channelId: string;
  adapter: AdapterName;
  channelKind: string;
  url?: string;
}

export function channelTarget(channel: PlanChannel): ChannelTarget {
  return { channelId: channel.id, adapter: channel.adapter, channelKind: channel.kind, ...(channel.url ? { url: channel.url } : {}) };
}

/** The channel whose platform reports are read. */
export function reportedChannel(channel: PlanChannel): { id: string; adapter: AdapterName; kind: string } {
  return { id: channel.id, adapter: channel.adapter, kind: channel.kind };
}

/** Budgets and posts on the platforms (the platform's idempotency key is the campaign id plus this). */
export const effectKeys = {
  initialBudget: (channelId: string) => `budget:initial:${channelId}`,
  reviewBudget: (day: number, channelId: string) => `budget:review:${day}:${channelId}`,
  /**
   * A pilot round's budget for its first `days`, then one for each extension (the days it then
   * covers): an extension sends a larger budget, which a platform refuses under a key it has seen.
   */
  pilotBudget: (round: number, days: number, channelId: string) => `budget:pilot:${round}:${days}:${channelId}`,
  post: (postKey: string) => `post:${postKey}`,
};

/** Notifications: each is delivered once per key. */
export const noticeKeys = {
  gateWaiting: (gate: string, round: number) => `gate:${gate}:${round}:waiting`,
  gateConsult: (gate: string, round: number) => `gate:${gate}:${round}:consult`,
  gateReminder: (gate: string, round: number, count: number) => `gate:${gate}:${round}:reminder:${count}`,
  gateEscalation: (gate: string, round: number, count: number) => `gate:${gate}:${round}:escalation:${count}`,
  gateDecided: (gate: string, round: number) => `gate:${gate}:${round}:decided`,
  reviewSummary: (reviewKey: string) => `review:${reviewKey}`,
  taskStarted: (task: string) => `task:${task}:started`,
  pilotDecide: (round: number, decisions: number) => `pilot:${round}:${decisions}:decide`,
  postFailed: (postKey: string) => `post:${postKey}:failed`,
  crisisStarted: (crisis: number) => `crisis:${crisis}:started`,
  crisisResolved: (crisis: number) => `crisis:${crisis}:resolved`,
  slaBreach: (checkedAt: string) => `sla:${checkedAt}`,
  retroRequest: (person: string) => `retro:${person}:request`,
  retroReminder: (person: string, reminder: number) => `retro:${person}:reminder:${reminder}`,
  signOff: () => 'retro:sign-off',
  reportReady: () => 'report:ready',
  stepFailed: (step: string, failures: number) => `step:${step}:${failures}:failed`,
  launchLate: () => 'launch:late',
  cancelled: () => 'campaign:cancelled',
};

/** Audit events: one row per key. */
export const auditKeys = {
  reminder: (gate: string, round: number, count: number) => `reminder:${gate}:${round}:${count}`,
  escalation: (gate: string, round: number, count: number) => `escalation:${gate}:${round}:${count}`,
  consultSilence: (gate: string, round: number) => `consult-silence:${gate}:${round}`,
  /** A person's action is keyed by its Update id (a retried Update keeps it); `fallback` outside one. */
  update: (fallback = 'unknown') => `update:${currentUpdateInfo()?.id ?? fallback}`,
  crisisFallback: (crisis: number, action: string) => `crisis:${crisis}:${action}`,
  pilotFallback: (decisions: number) => `pilot:${decisions}`,
  retroFallback: (by: string) => `retro:${by}`,
  stepFallback: (step: string, failures: number, action: string) => `step:${step}:${failures}:${action}`,
  launchLate: () => 'launch:late',
  cancelFallback: () => 'cancel',
};

/**
 * Failed steps (steps.ts) are named by what they do: an effect by its key, a read or a record by
 * what it reads or records. A step that fails again after a retry keeps its id.
 */
export const stepKeys = {
  register: () => 'register',
  notice: (noticeKey: string) => `notice:${noticeKey}`,
  audit: (eventKey: string) => `audit:${eventKey}`,
  decision: (gate: string, round: number) => `decision:${gate}:${round}`,
  review: (reviewKey: string) => `review:${reviewKey}`,
  channelReports: (day: number) => `reports:day:${day}`,
  dayMetrics: (day: number) => `metrics:day:${day}`,
  totalMetrics: (day: number) => `metrics:total:${day}`,
  channelDays: (fromDay: number, toDay: number) => `channel-days:${fromDay}-${toDay}`,
  pilotDay: (round: number, day: number) => `pilot:${round}:day:${day}`,
  interactions: (checkedAt: string) => `interactions:${checkedAt}`,
  closingMetrics: () => 'closing:metrics',
  closingRecord: () => 'closing:record',
  report: () => 'closing:report',
};
