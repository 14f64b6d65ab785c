/**
 * The campaign a chaos trial runs: the spring-tea example with a short rollout, and budget moves
 * that never wait for approval. A budget approval lapses by design when nobody decides before the
 * next review; a trial that keeps the engine down past that deadline would then "diverge" from its
 * fault-free twin for a reason that is the plan's rule, not a fault in the engine.
 *
 * No content either: the platform counts a post on the day it arrives and freezes a day's report
 * once served, so a post that a platform outage delayed past its day's report moves that channel's
 * numbers, and every budget move after them, for a reason that is the platform's, not the engine's.
 * Posts' exactly-once delivery under lost answers and retries is tested at the activity
 * (test/activities/publishing.test.ts) and at the sandbox in the execution tests.
 */
import type { Plan } from '../../domain/plan/schema.js';
import { validatedPlan } from '../engine/plans.js';

export function chaosPlan(rolloutDays: number): Plan {
  // Without the pilot and the warm-up: the trial's faults land in preparation, the rollout's reviews
  // and budget moves, and the closing, where the records are.
  const { pilot: _pilot, warmup: _warmup, ...plan } = validatedPlan(rolloutDays);
  const optimization = plan.rollout.optimization;
  return {
    ...plan,
    tasks: plan.tasks.filter((t) => t.phase !== 'pilot' && t.phase !== 'warmup'),
    content: [],
    rollout: { ...plan.rollout, ...(optimization ? { optimization: { ...optimization, approvalAbove: 1 } } : {}) },
  };
}
