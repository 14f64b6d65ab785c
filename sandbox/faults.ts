/**
 * Platform misbehaviour on demand: outages (5xx), refusals (4xx), slowness (delay), dropped
 * connections, and the nastiest one — the platform applies the request but the answer is lost,
 * so the caller retries something that already happened. Decisions draw from a seeded stream, so
 * a chaos trial with a rate is repeatable for the same sequence of requests.
 */
import { z } from 'zod';
import { seededRandom, type Random } from './prng.js';

export const FAULT_ROUTES = ['budget', 'posts', 'reports'] as const;
export type FaultRoute = (typeof FAULT_ROUTES)[number];

export const faultPlanSchema = z.strictObject({
  /** Fault only the next N matching requests, then behave again. */
  failNext: z.number().int().nonnegative().optional(),
  /** Fault each matching request with this probability; without failNext or rate, fault all. */
  rate: z.number().min(0).max(1).optional(),
  /** The answer to a faulted request; 503 unless the fault is only a delay or a reset. */
  status: z.number().int().min(400).max(599).optional(),
  /** Drop the connection instead of answering. */
  reset: z.boolean().optional(),
  /** Hold the request this long before handling it (a slow platform; callers time out). */
  delayMs: z.number().int().nonnegative().max(600_000).optional(),
  /** Carry the request out, then answer with the fault: the effect happened, the caller can't tell. */
  loseResponse: z.boolean().optional(),
  routes: z.array(z.enum(FAULT_ROUTES)).optional(),
  channels: z.array(z.string().min(1)).optional(),
});
export type FaultPlan = z.input<typeof faultPlanSchema>;

/** What happens to one request. */
export interface Fault {
  delayMs: number;
  /** Status to answer with, or 'reset' to drop the connection, or undefined to answer normally. */
  outcome: number | 'reset' | undefined;
  loseResponse: boolean;
}

export class FaultInjector {
  private plan: FaultPlan = {};
  private remaining: number | undefined;
  private random: Random;
  private plans = 0;
  injected = 0;

  constructor(private readonly seed: string, plan: FaultPlan = {}) {
    this.random = seededRandom(seed, 'faults', 0);
    this.set(plan);
  }

  /** Replaces the plan; `{}` restores normal service. Throws on a malformed plan. */
  set(plan: FaultPlan): void {
    this.plan = faultPlanSchema.parse(plan);
    this.remaining = this.plan.failNext;
    this.random = seededRandom(this.seed, 'faults', ++this.plans);
  }

  current(): FaultPlan & { remaining?: number } {
    return this.remaining === undefined ? { ...this.plan } : { ...this.plan, remaining: this.remaining };
  }

  /** Decides the fate of one request to a channel route; undefined means serve it normally. */
  next(route: FaultRoute, channelId: string): Fault | undefined {
    const plan = this.plan;
    if (!isActive(plan)) return undefined;
    if (plan.routes && !plan.routes.includes(route)) return undefined;
    if (plan.channels && !plan.channels.includes(channelId)) return undefined;
    if (this.remaining !== undefined && this.remaining <= 0) return undefined;
    if (plan.rate !== undefined && this.random() >= plan.rate) return undefined;
    if (this.remaining !== undefined) this.remaining--;
    this.injected++;
    const delayMs = plan.delayMs ?? 0;
    const slowOnly = delayMs > 0 && plan.status === undefined && !plan.reset;
    return {
      delayMs,
      outcome: plan.reset ? 'reset' : slowOnly ? undefined : plan.status ?? 503,
      loseResponse: plan.loseResponse ?? false,
    };
  }
}

function isActive(plan: FaultPlan): boolean {
  return plan.failNext !== undefined || plan.rate !== undefined || plan.status !== undefined
    || plan.reset === true || (plan.delayMs ?? 0) > 0 || plan.loseResponse === true;
}
