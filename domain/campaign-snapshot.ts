/**
 * What a campaign tracks as it runs, and the snapshot that carries it into the next workflow run
 * (continue-as-new). The snapshot is versioned: a run started by newer code reads every shape an
 * older run may have written, through `migrateSnapshot`. Pure: no I/O, no clock.
 */
import { z } from 'zod';
import type { BudgetApproval } from './allocation/approval.js';
import type { DayResult } from './allocation/types.js';
import type { ClosingSummary, KpiProgress } from './closing.js';
import type { CauseAnalysis } from './closing/attainment.js';
import type { RetrospectiveAnswer } from './closing/retrospective.js';
import type { ExecutionStatus } from './execution/state.js';
import type { FailedStep } from './execution/steps.js';
import type { GateState, TaskState } from './gates.js';
import type { ChannelState, Review } from './review.js';

export const CAMPAIGN_PHASES = ['preparation', 'pilot', 'warmup', 'rollout', 'closing', 'closed'] as const;
export type CampaignPhase = (typeof CAMPAIGN_PHASES)[number];

export interface Alert {
  at: string;
  severity: 'info' | 'warning' | 'critical';
  message: string;
}

export interface RetrospectiveStatus {
  /** Team members asked for their answers (everyone, once the closing starts). */
  asked: string[];
  answers: RetrospectiveAnswer[];
  analyses: CauseAnalysis[];
  /** `closing.accountable`'s sign-off ends the campaign; decide it with gate = "closing". */
  signedOff: { by: string; at: string } | undefined;
}

/** The closing report, once stored (`campaign report <id>`). */
export interface StoredReport {
  storedAt: string;
  languages: string[];
}

/** What a campaign tracks as it runs: its status shows all of it, its snapshot carries it on. */
export interface CampaignProgress {
  phase: CampaignPhase;
  startedAt: string;
  /** Rollout day reached (0 before the rollout). */
  day: number;
  rolloutDays: number;
  acknowledged: string[];
  gates: GateState[];
  tasks: TaskState[];
  channels: ChannelState[];
  kpis: KpiProgress[];
  /** Latest first. */
  reviews: Review[];
  alerts: Alert[];
  closing: ClosingSummary | undefined;
  /** The latest budget proposal that needed approval (decide it with gate = its id). */
  budgetApproval: BudgetApproval | undefined;
  /** Schedule, pilot, posts, crisis, interactions and monitoring (P2.1–P2.11). */
  execution: ExecutionStatus;
  /** The team retrospective and the closing sign-off (P3.3–P3.5). */
  retrospective: RetrospectiveStatus;
  report: StoredReport | undefined;
  /** Steps that failed, and what was decided about them (docs/architecture.md, "Failed steps"). */
  steps: FailedStep[];
}

/** Where a rollout stands when the campaign continues as a new run. */
export interface RolloutProgress {
  /** Workflow time (ms) the rollout began: reviews and the review calendar count from it. */
  startedAt: number;
  /** This day's review waits for a budget approval that was still open when the run ended. */
  pendingReview?: Review;
}

export const SNAPSHOT_VERSION = 1;

/** What the next run needs; the plan and the settings travel in the workflow input beside it. */
export interface CampaignSnapshot {
  version: typeof SNAPSHOT_VERSION;
  progress: CampaignProgress;
  /** Each channel's daily results so far: what the allocation policies learn from. */
  history: Record<string, DayResult[]>;
  rollout: RolloutProgress;
}

/**
 * The shape runs continued with before snapshots had a version (version 0): the workflow's state
 * without plan and settings, plus two fields the next run ignores (`executes`, `interactionImports`).
 */
export interface UnversionedSnapshot {
  state: Record<string, unknown>;
  rollout: RolloutProgress;
}

/** A snapshot this code cannot read: the workflow task fails (and is retried) rather than guess. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

// The snapshot is the workflow's own output of a moment ago, so the checks stop at what a migration
// relies on: the fields are there, with the right kinds, and the entries carry their ids.
const entries = z.array(z.looseObject({ id: z.string() }));
const records = z.array(z.looseObject({}));
const optionalRecord = z.looseObject({}).optional();

const progressSchema = z.object({
  phase: z.enum(CAMPAIGN_PHASES),
  startedAt: z.string(),
  day: z.number().int().nonnegative(),
  rolloutDays: z.number().int().nonnegative(),
  acknowledged: z.array(z.string()),
  gates: entries,
  tasks: entries,
  channels: entries,
  kpis: records,
  reviews: z.array(z.looseObject({ key: z.string(), day: z.number() })),
  alerts: z.array(z.looseObject({ at: z.string(), severity: z.enum(['info', 'warning', 'critical']), message: z.string() })),
  closing: optionalRecord,
  budgetApproval: z.looseObject({ id: z.string(), status: z.string() }).optional(),
  execution: z.looseObject({
    clock: z.object({ planStart: z.string(), workflowStart: z.string() }),
    phaseStarts: z.record(z.string(), z.string()),
    posts: z.array(z.looseObject({ key: z.string(), status: z.string() })),
    crises: z.number().int().nonnegative(),
  }),
  retrospective: z.looseObject({ asked: z.array(z.string()), answers: records, analyses: records }),
  report: z.object({ storedAt: z.string(), languages: z.array(z.string()) }).optional(),
  // Absent from snapshots written before failed steps were kept.
  steps: z.array(z.looseObject({ id: z.string(), status: z.enum(['waiting', 'retried', 'skipped']) })).optional(),
});

const rolloutSchema = z.object({ startedAt: z.number(), pendingReview: z.looseObject({ key: z.string(), day: z.number() }).optional() });
const historySchema = z.record(z.string(), z.array(z.object({ day: z.number(), spend: z.number(), orders: z.number(), revenue: z.number() })));

const unversionedSchema = z.object({
  state: progressSchema.extend({
    history: historySchema,
    // Set by runs that decided at their start whether to execute; every run executes now.
    executes: z.literal(true, { message: 'a run that did not execute its schedule cannot continue on this code' }).optional(),
  }),
  rollout: rolloutSchema,
});

const v1Schema = z.object({ version: z.literal(1), progress: progressSchema, history: historySchema, rollout: rolloutSchema });

function parse<S extends z.ZodType>(schema: S, raw: unknown, shape: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SnapshotError(`The carried ${shape} snapshot does not read: ${issue?.path.join('.') || 'snapshot'}: ${issue?.message}`);
}

function pickProgress(state: z.output<typeof progressSchema>): CampaignProgress {
  // The nested values are the previous run's own, checked above as far as this code relies on them.
  const typed = state as unknown as CampaignProgress;
  return {
    phase: typed.phase, startedAt: typed.startedAt, day: typed.day, rolloutDays: typed.rolloutDays,
    acknowledged: typed.acknowledged, gates: typed.gates, tasks: typed.tasks, channels: typed.channels,
    kpis: typed.kpis, reviews: typed.reviews, alerts: typed.alerts, closing: typed.closing,
    budgetApproval: typed.budgetApproval, execution: typed.execution, retrospective: typed.retrospective,
    report: typed.report, steps: state.steps ? (state.steps as unknown as FailedStep[]) : [],
  };
}

/** The version a carried snapshot was written in (0: before snapshots had one). */
export function snapshotVersion(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null) throw new SnapshotError('The carried snapshot is not an object.');
  const version = (raw as { version?: unknown }).version;
  if (version === undefined) return 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new SnapshotError(`The carried snapshot has no readable version (${JSON.stringify(version)}).`);
  }
  return version;
}

/** Reads a snapshot of any version this code knows and returns it in the latest shape. */
export function migrateSnapshot(raw: unknown): CampaignSnapshot {
  const version = snapshotVersion(raw);
  if (version === 0) {
    const { state, rollout } = parse(unversionedSchema, raw, 'unversioned');
    return { version: SNAPSHOT_VERSION, progress: pickProgress(state), history: state.history, rollout: rollout as RolloutProgress };
  }
  if (version === 1) {
    const snapshot = parse(v1Schema, raw, 'version 1');
    return { version: 1, progress: pickProgress(snapshot.progress), history: snapshot.history, rollout: snapshot.rollout as RolloutProgress };
  }
  throw new SnapshotError(`The carried snapshot is version ${version}; this code reads up to version ${SNAPSHOT_VERSION}: run a newer worker.`);
}

/** The snapshot of a campaign's progress at a rollout day boundary. */
export function campaignSnapshot(progress: CampaignProgress, history: Record<string, DayResult[]>, rollout: RolloutProgress): CampaignSnapshot {
  return { version: SNAPSHOT_VERSION, progress, history, rollout };
}
