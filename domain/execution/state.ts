/**
 * What the campaign tracks while it executes (P2.1–P2.11), as the `status` read model shows it.
 * Instants are ISO strings; `at` of a post is plan time (what the audience's clock says).
 */
import type { ChannelDayMetric } from '../channel-metrics.js';
import type { CrisisAssessment } from '../interactions/crisis.js';
import type { SlaBreach } from '../interactions/sla.js';
import type { PilotEvaluation } from '../pilot.js';
import type { PilotDecision } from './actions.js';
import type { ProgressReport } from './task-progress.js';
import type { Cancellation } from './cancellation.js';

export type PostStatus = 'scheduled' | 'published' | 'failed' | 'held';

export interface PostState {
  /** `<phase>:<content>:<channel>:<n>`: also the publish's idempotency key. */
  key: string;
  phase: 'warmup' | 'rollout';
  contentId: string;
  channelId: string;
  /** Plan time. */
  at: string;
  status: PostStatus;
  postId?: string;
  /** Why the platform refused it (status failed). */
  error?: string;
}

export interface PilotState {
  status: 'running' | 'deciding' | 'go' | 'sent-back' | 'cancelled';
  channels: string[];
  budget: number;
  /** Pilot days run so far (extensions included). */
  days: number;
  plannedDays: number;
  evaluation?: PilotEvaluation;
  decisions: Array<{ decision: PilotDecision; by: string; at: string; comment?: string; extendBy?: string }>;
}

export interface CrisisState {
  status: 'active' | 'resolved';
  /** `auto` when the warning rule triggered, else the person who started it. */
  startedBy: string;
  startedAt: string;
  reason: string;
  assessment?: CrisisAssessment;
  statement?: { text: string; by: string; at: string };
  resolvedBy?: string;
  resolvedAt?: string;
  /** Posts and budget changes held back while it was active. */
  held: number;
}

export interface InteractionHealth {
  checkedAt: string;
  total: number;
  negative: number;
  /** Unanswered past `responseSla`, longest overdue first (at most five). */
  breaches: SlaBreach[];
  breachCount: number;
  waiting: number;
  lastAssessment?: CrisisAssessment;
}

/** Traffic, engagement (likes, comments, shares, saves), conversions and spend (P2.11). */
export type MonitorFigures = Record<ChannelDayMetric, number>;

export interface ChannelMonitor {
  channelId: string;
  /** The latest reported day. */
  today: MonitorFigures;
  total: MonitorFigures;
}

export interface Monitoring {
  day: number;
  channels: ChannelMonitor[];
}

export interface ExecutionStatus {
  /** Plan start and workflow start of the clock mapping (a rehearsal's compressed clock). */
  clock: { planStart: string; workflowStart: string };
  /** Plan-time instants each phase began at (the task schedule counts from them). */
  phaseStarts: Partial<Record<'preparation' | 'pilot' | 'warmup' | 'rollout' | 'closing', string>>;
  schedule: ProgressReport | undefined;
  pilot: PilotState | undefined;
  /** When the pilot's decision was asked for (workflow time). */
  pilotSince?: string;
  posts: PostState[];
  crisis: CrisisState | undefined;
  crises: number;
  interactions: InteractionHealth | undefined;
  monitoring: Monitoring | undefined;
  /**
   * When the launch (pilot, warm-up or rollout) is planned: the plan's `start` in its timezone, at
   * time scale 1 (a rehearsal plays the plan's dates on its compressed clock instead).
   */
  launchAt?: string;
  /** When the launch date came with preparation still open (an alert named who held it up). */
  launchLate?: string;
  /** Set when someone cancelled the campaign (`campaign cancel`): it closes without the rest. */
  cancellation?: Cancellation;
}
