/**
 * Campaign starts per second: from the plan's text to a campaign visibly waiting at its first gate
 * (plan validated → workflow started → `status.waitingOn` non-empty), against a trivial workflow
 * started the same way (start → its `status` query answers with a non-empty waitingOn). Both open
 * workflows stay open: they are the "N open" population the other measurements run beside.
 */
import type { Client } from '@temporalio/client';
import type { DriveSource } from '../drive.js';
import { campaignStatus, startCampaign } from '../../client/campaigns.js';
import { trivialStatusQuery } from '../workflows/index.js';
import { elapsedMs, inParallel, round } from '../stats.js';
import { validatedPlan } from './plans.js';

export interface StartBatch {
  started: number;
  seconds: number;
  perSecond: number;
}

/** Polls without sleeping much: the time until the first answer is what is measured. */
async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // Not queryable yet (first workflow task still running).
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function startCampaigns(
  { client, store }: DriveSource,
  opts: { ids: string[]; taskQueue: string; timeScale: number; concurrency: number; rolloutDays?: number },
): Promise<StartBatch> {
  const t0 = performance.now();
  await inParallel(opts.ids, opts.concurrency, async (campaignId) => {
    const plan = validatedPlan(opts.rolloutDays ?? 30);
    await startCampaign(client, { plan, campaignId, timeScale: opts.timeScale, taskQueue: opts.taskQueue });
    await until(async () => (await campaignStatus({ client, store }, campaignId)).waitingOn.length > 0, `${campaignId} waiting at its first gate`);
  });
  return batch(opts.ids.length, elapsedMs(t0));
}

export async function startTrivial(
  client: Client,
  opts: { ids: string[]; taskQueue: string; concurrency: number },
): Promise<StartBatch> {
  const t0 = performance.now();
  await inParallel(opts.ids, opts.concurrency, async (workflowId) => {
    const handle = await client.workflow.start('trivialWaiting', { workflowId, taskQueue: opts.taskQueue, args: [] });
    await until(async () => (await handle.query(trivialStatusQuery)).waitingOn.length > 0, `${workflowId} answering`);
  });
  return batch(opts.ids.length, elapsedMs(t0));
}

function batch(started: number, ms: number): StartBatch {
  return { started, seconds: round(ms / 1000, 2), perSecond: round(started / (ms / 1000), 2) };
}
