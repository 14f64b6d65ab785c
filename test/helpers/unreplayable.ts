/**
 * A campaign whose history the campaign code cannot replay, made on demand: a worker with a
 * slightly different workflow code (test/helpers/out-of-order-interceptor.ts) records the task that
 * accepts the first gate decision, and the team goes on deciding until the rollout. Then that worker
 * stops; the next worker that takes the campaign over fails its workflow task with a nondeterminism
 * error, as after the Temporal defect of docs/benchmarks.md.
 */
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { driveToEnd, type DriveAction } from '../../bench/drive.js';
import { chaosPlan } from '../../bench/chaos/plan.js';
import { startCampaign } from '../../client/campaigns.js';
import { WORKFLOWS_PATH } from '../../workers/worker.js';
import type { CampaignTestEnv } from './campaign-env.js';
import { scaleForDay, uniqueCampaignId } from './plans.js';

const INTERCEPTOR = fileURLToPath(new URL('./out-of-order-interceptor.ts', import.meta.url));

export function outOfOrderBundle(): Promise<string> {
  const quiet = () => {};
  const logger = { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet };
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, workflowInterceptorModules: [INTERCEPTOR], logger }).then((b) => b.code);
}

export const DAY_MS = 1_000;

/**
 * Starts a campaign on a worker running `variantCode` and drives it to the rollout; returns when that
 * worker has stopped. Every decision the team made is listed.
 */
export async function unreplayableCampaign(env: CampaignTestEnv, variantCode: string, prefix: string): Promise<{ campaignId: string; actions: DriveAction[] }> {
  const campaignId = uniqueCampaignId(prefix);
  const variant = await env.startWorker({ workflowBundle: { code: variantCode }, selfHealing: false });
  const actions: DriveAction[] = [];
  try {
    await startCampaign(env.client, { plan: chaosPlan(2), campaignId, timeScale: scaleForDay(DAY_MS), taskQueue: env.taskQueue });
    await driveToEnd(env, campaignId, { until: 'rollout', timeoutMs: 120_000, onAction: (a) => actions.push(a) });
  } finally {
    variant.worker.shutdown();
    await variant.finished;
  }
  return { campaignId, actions };
}
