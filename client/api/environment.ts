/**
 * One API serves one environment: its task queue. Environments may share a Temporal namespace
 * and a records database, so a campaign id alone could reach another environment's campaign; the
 * API checks every campaign a route names belongs to its task queue first. A campaign of another
 * environment is answered exactly as an id that names nothing, so its existence is not revealed.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ErrorType } from '../../domain/errors.js';
import type { RecordsStore } from '../../store/index.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import { CampaignError, LIST_HINT } from '../campaign-error.js';

export interface CampaignScope {
  /** Whether the campaign is one of this environment's. */
  holds(campaignId: string): Promise<boolean>;
  /** Throws the unknown campaign's CampaignError unless the campaign is one of this environment's. */
  check(campaignId: string): Promise<void>;
}

export function campaignScope(deps: { client: Client; store: RecordsStore; taskQueue: string }): CampaignScope {
  const holds = async (campaignId: string) =>
    ((await deps.store.statuses.taskQueueOf(campaignId)) ?? (await workflowTaskQueue(deps.client, campaignId))) === deps.taskQueue;
  return {
    holds,
    async check(campaignId) {
      // The same sentence Temporal's "not found" becomes (client/campaigns.ts asCampaignError).
      if (!(await holds(campaignId))) throw new CampaignError(`There is no campaign "${campaignId}".`, 2, ErrorType.CampaignNotFound, LIST_HINT);
    },
  };
}

/**
 * The task queue of a campaign that has not published its status yet (its first workflow task has
 * not run): Temporal's description of its workflow; undefined when there is no such workflow.
 */
async function workflowTaskQueue(client: Client, campaignId: string): Promise<string | undefined> {
  try {
    return (await client.workflow.getHandle(campaignWorkflowId(campaignId)).describe()).taskQueue;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}
