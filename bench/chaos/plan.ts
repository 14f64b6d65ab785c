/**
 * The campaign a chaos trial runs: the spring-tea example with a short rollout, and budget moves
 * that never wait for approval. A budget approval lapses by design when nobody decides before the
 * next review; a trial that keeps the engine down past that deadline would then "diverge" from its
 * fault-free twin for a reason that is the plan's rule, not a fault in the engine.
 */
import type { Plan } from '../../domain/plan/schema.js';
import { validatedPlan } from '../engine/plans.js';

export function chaosPlan(rolloutDays: number): Plan {
  const plan = validatedPlan(rolloutDays);
  const optimization = plan.rollout.optimization;
  return {
    ...plan,
    rollout: { ...plan.rollout, ...(optimization ? { optimization: { ...optimization, approvalAbove: 1 } } : {}) },
  };
}
