import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { planSchema, type Plan, type PlanInput } from '../../domain/plan/schema.js';

const EXAMPLE = new URL('../../examples/spring-tea.zh.yaml', import.meta.url);

/**
 * The spring-tea example with a shorter rollout, so a whole campaign runs in seconds. Without the
 * pilot, the warm-up and the team retrospective (each waits for people): tests of those phases
 * use `executionPlan`.
 */
export function rehearsalPlan(rolloutDuration = '3d'): Plan {
  const { pilot: _pilot, warmup: _warmup, ...plan } = executionPlan(rolloutDuration);
  const { retrospective: _retrospective, ...closing } = plan.closing;
  // Tasks and teasers of the phases taken out go with them.
  const dropped = new Set(plan.tasks.filter((t) => t.phase === 'pilot' || t.phase === 'warmup').map((t) => t.id));
  return {
    ...plan,
    closing,
    tasks: plan.tasks.filter((t) => !dropped.has(t.id)).map((t) => ({ ...t, dependsOn: t.dependsOn.filter((d) => !dropped.has(d)) })),
    content: plan.content.filter((c) => c.phase !== 'warmup'),
  };
}

/** The whole spring-tea example (pilot, warm-up, posts, retrospective) with a shorter rollout. */
export function executionPlan(rolloutDuration = '3d'): Plan {
  const raw = parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
  const plan = planSchema.parse(raw);
  return { ...plan, rollout: { ...plan.rollout, duration: rolloutDuration } };
}

/** A time scale under which one campaign day lasts `dayMs` milliseconds. */
export function scaleForDay(dayMs: number): number {
  return 86_400_000 / dayMs;
}

let counter = 0;
export function uniqueCampaignId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** A small plan for gate tests: one channel, a short rollout, and the gates the test gives. */
export function gatePlan(overrides: Partial<PlanInput>): Plan {
  return planSchema.parse({
    id: 'gate-test',
    name: 'Gate rehearsal',
    owner: 'olivia',
    timezone: 'Asia/Shanghai',
    team: [
      { id: 'olivia', name: 'Olivia', roles: ['pm'] },
      { id: 'ben', name: 'Ben', roles: ['content'] },
      { id: 'chloe', name: 'Chloe', roles: ['data'] },
      { id: 'dan', name: 'Dan', roles: ['channel-ops'] },
    ],
    goals: [{ id: 'orders', name: 'Orders', metric: 'orders', target: 100, owner: 'olivia' }],
    budget: { total: 10_000 },
    channels: [{ id: 'weibo', kind: 'weibo', budget: { initial: 5_000, min: 0, max: 8_000 } }],
    rollout: { duration: '1d' },
    closing: { accountable: 'olivia' },
    ...overrides,
  });
}
