/**
 * Replay cost: how long a worker takes to rebuild a campaign from its history (what happens on
 * every cache miss — a worker restart, an evicted campaign, a query to a campaign not in memory),
 * against a trivial timer-loop workflow whose history has the same number of events.
 */
import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { elapsedMs, median, round } from '../stats.js';
import { activityLoop } from '../workflows/index.js';

type History = temporal.api.history.v1.IHistory;

/** Each iteration of activityLoop adds six events; the start and the end add five. */
const EVENTS_PER_CALL = 6;
const FIXED_EVENTS = 5;

export async function replayMs(bundlePath: string, history: History, workflowId: string, repeats: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await Worker.runReplayHistory({ workflowBundle: { codePath: bundlePath } }, history, workflowId);
    times.push(elapsedMs(t0));
  }
  return times;
}

/** Runs a no-op activity loop on the baseline worker until its history is about `events` long, and returns it. */
export async function trivialHistoryOf(client: Client, taskQueue: string, events: number): Promise<History> {
  const calls = Math.max(1, Math.round((events - FIXED_EVENTS) / EVENTS_PER_CALL));
  const handle = await client.workflow.start(activityLoop, { workflowId: `bench-activities-${Date.now()}`, taskQueue, args: [calls] });
  await handle.result();
  return handle.fetchHistory();
}

export function summarizeReplays(campaign: number[], trivial: number[]) {
  const c = median(campaign);
  const t = median(trivial);
  return { campaignMs: round(c), trivialMs: round(t), ratio: round(c / t, 2), samplesMs: { campaign: campaign.map((x) => round(x)), trivial: trivial.map((x) => round(x)) } };
}
