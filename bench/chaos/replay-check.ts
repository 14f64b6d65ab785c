/**
 * Every trial's campaign must still replay: a history the workflow code cannot replay is a
 * campaign whose status cannot be read once it leaves the worker's cache, and which stops at the
 * next worker restart while it runs. The check replays the finished campaign's history on the
 * same workflow bundle; a history that fails is kept next to the reports for `temporal workflow
 * show` and a replay test.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { replayFailure } from '../../workers/repair.js';
import { DATA_DIR } from '../../platform/paths.js';
import { campaignWorkflowId } from '../../workflows/contract.js';

export type ReplayVerdict = { replays: true } | { replays: false; error: string; historyFile: string };

export async function checkReplay(client: Client, campaignId: string, bundlePath: string): Promise<ReplayVerdict> {
  const history = await client.workflow.getHandle(campaignWorkflowId(campaignId)).fetchHistory();
  const error = await replayFailure(history, { codePath: bundlePath });
  if (error === undefined) return { replays: true };
  return { replays: false, error: error.slice(0, 400), historyFile: await keepHistory(`chaos-${campaignId}`, historyToJSON(history)) };
}

/** Writes a history (JSON as `temporal workflow show -o json` gives it) as .data/bench/<name>-history.json. */
export async function keepHistory(name: string, json: string): Promise<string> {
  const dir = path.join(DATA_DIR, 'bench');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}-history.json`);
  await writeFile(file, `${json}\n`);
  return file;
}
