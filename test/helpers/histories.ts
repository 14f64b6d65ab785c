/**
 * Committed histories of representative runs (test/histories/) are replayed by every `npm test`,
 * so a workflow change that would break running campaigns fails before it ships. Set
 * RECORD_HISTORIES=1 when running the workflow tests to write them again after a deliberate,
 * patched() change.
 */
import { writeFile } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { campaignWorkflowId } from '../../workflows/contract.js';

export const HISTORIES_DIR = new URL('../histories/', import.meta.url);

/** Records the campaign's latest run, or the given one (a campaign that continued as new has several). */
export async function recordHistory(client: Client, campaignId: string, name: string, runId?: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(campaignWorkflowId(campaignId), runId).fetchHistory();
  await writeFile(new URL(`${name}.json`, HISTORIES_DIR), `${historyToJSON(history)}\n`);
}
