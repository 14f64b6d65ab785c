/**
 * What a finished campaign left behind, in a form two runs of the same seed can be compared by:
 * the status without timestamps and run-specific fields, the records in PostgreSQL, and what the
 * sandbox platform counted per idempotency key. A faulted run must equal its fault-free twin.
 */
import type { DriveSource } from '../drive.js';
import { campaignStatus } from '../../client/campaigns.js';
import { createPool } from '../../platform/database.js';
import type { SandboxPlatform } from '../../sandbox/platform.js';
import { createStore } from '../../store/index.js';
import type { CampaignStatus } from '../../workflows/contract.js';

export interface CampaignOutcome {
  /** The comparable part of the final status. */
  state: unknown;
  decisions: string[];
  reviewKeys: string[];
  /** channel_effects keys, by kind. */
  effects: { budget: string[]; post: string[] };
  metricRows: number;
  /**
   * The run's own posts: when each goes out depends on the plan time the rollout began at, which a
   * compressed rehearsal cannot hold still under faults, so posts are checked within the run.
   */
  posts: { published: string[]; unsent: string[]; refused: string[] };
  /** What the platform applied (distinct idempotency keys) and saw again (repeats, de-duplicated). */
  platform: { budgetsApplied: number; budgetRepeats: number; postsCreated: number; postRepeats: number };
}

export async function collectOutcome(source: DriveSource, databaseUrl: string, sandbox: SandboxPlatform, campaignId: string): Promise<CampaignOutcome> {
  const status = await campaignStatus(source, campaignId);
  // Named apart from the engine, so a fault that cuts the engine's connections spares the harness.
  const pool = createPool(databaseUrl, { max: 1, applicationName: 'chaos-harness' });
  const store = createStore(pool);
  try {
    const [decisions, reviewKeys, effects, metricRows] = await Promise.all([
      store.decisions.keys(campaignId), store.reviews.keys(campaignId), store.effects.list(campaignId), store.metrics.count(campaignId),
    ]);
    const perChannel = Object.entries(sandbox.stats().perChannel).filter(([key]) => key.startsWith(`${campaignId}/`)).map(([, s]) => s);
    const sum = (f: (s: (typeof perChannel)[number]) => number) => perChannel.reduce((t, s) => t + f(s), 0);
    return {
      state: comparableState(status),
      decisions,
      reviewKeys,
      effects: {
        budget: effects.filter((r) => r.kind === 'budget').map((r) => r.key),
        post: effects.filter((r) => r.kind === 'post').map((r) => r.key),
      },
      metricRows,
      posts: {
        published: status.execution.posts.filter((p) => p.status === 'published').map((p) => `post:${p.key}`),
        unsent: status.execution.posts.filter((p) => p.status === 'scheduled').map((p) => p.key),
        refused: status.execution.posts.filter((p) => p.status === 'failed').map((p) => p.key),
      },
      platform: {
        budgetsApplied: sum((s) => s.budgetsApplied), budgetRepeats: sum((s) => s.budgetRepeats),
        postsCreated: sum((s) => s.postsCreated), postRepeats: sum((s) => s.postRepeats),
      },
    };
  } finally {
    await pool.end();
  }
}

/**
 * Phase, gate decisions, channel allocations, review keys with their budget changes, KPIs and the
 * closing summary — with every timestamp removed (the runs happened at different moments).
 */
export function comparableState(status: CampaignStatus): unknown {
  return withoutTimestamps({
    phase: status.phase,
    day: status.day,
    gates: status.gates.map((g) => ({ id: g.id, stage: g.stage, rounds: g.rounds.map((r) => ({ round: r.round, decision: r.decision, by: r.by })) })),
    channels: status.channels,
    reviews: status.reviews.map((r) => ({ key: r.key, changes: r.changes ?? [] })),
    kpis: status.kpis,
    closing: status.closing,
  });
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function withoutTimestamps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimestamps);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => !(typeof v === 'string' && ISO_TIME.test(v)))
        .map(([k, v]) => [k, withoutTimestamps(v)]),
    );
  }
  return value;
}

export interface Verdict {
  /** Decisions, reviews or effects the twin has and this run lacks. */
  lost: string[];
  /** Effects applied more than once: platform counts above the records, or above the twin's. */
  duplicated: string[];
  /** Paths where the comparable state differs. */
  diverged: string[];
  /**
   * Posts the platform refused while a refusal fault was on: a refused post is isolated by design
   * (counted failed, an alert, the owner told; never retried by the engine), so it is an expected
   * difference from the twin, listed here and not counted as lost.
   */
  refusedByFault: string[];
}

/**
 * `refusalFault`: the run had a refusal fault. A post refused in a run without one is lost; with
 * one, every refused post the twin did not refuse is put down to it.
 */
export function compareOutcomes(run: CampaignOutcome, twin: CampaignOutcome, refusalFault = false): Verdict {
  const refusedNew = run.posts.refused.filter((k) => !twin.posts.refused.includes(k));
  const missing = (what: string, mine: string[], theirs: string[]) => theirs.filter((k) => !mine.includes(k)).map((k) => `${what} ${k}`);
  const lost = [
    ...missing('decision', run.decisions, twin.decisions),
    ...missing('review', run.reviewKeys, twin.reviewKeys),
    ...missing('budget effect', run.effects.budget, twin.effects.budget),
    // A post the campaign counts as published must have reached the platform, and none may be left unsent.
    ...missing('post effect', run.effects.post, run.posts.published),
    ...run.posts.unsent.map((k) => `post never sent ${k}`),
    ...(refusalFault ? [] : refusedNew.map((k) => `post refused ${k}`)),
  ];
  if (run.metricRows < twin.metricRows) lost.push(`metric rows ${run.metricRows} < ${twin.metricRows}`);
  const duplicated: string[] = [];
  if (run.platform.budgetsApplied > run.effects.budget.length) duplicated.push(`platform applied ${run.platform.budgetsApplied} budgets for ${run.effects.budget.length} recorded`);
  if (run.platform.budgetsApplied > twin.platform.budgetsApplied) duplicated.push(`platform applied ${run.platform.budgetsApplied} budgets, twin ${twin.platform.budgetsApplied}`);
  if (run.platform.postsCreated > run.effects.post.length) duplicated.push(`platform created ${run.platform.postsCreated} posts for ${run.effects.post.length} recorded`);
  if (run.metricRows > twin.metricRows) duplicated.push(`metric rows ${run.metricRows} > ${twin.metricRows}`);
  for (const extra of [...run.decisions.filter((k) => !twin.decisions.includes(k)), ...run.reviewKeys.filter((k) => !twin.reviewKeys.includes(k))]) {
    duplicated.push(`extra record ${extra}`);
  }
  return { lost, duplicated, diverged: differences(run.state, twin.state, ''), refusedByFault: refusalFault ? refusedNew : [] };
}

function differences(a: unknown, b: unknown, at: string): string[] {
  if (a === b) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}/${k}`));
  }
  return [`${at || '/'}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`];
}
