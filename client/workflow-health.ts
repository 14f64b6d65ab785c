/**
 * How a campaign's workflow is doing, read from Temporal without any worker: its execution status
 * and, when something is wrong, what in a sentence.
 */
import type { Client } from '@temporalio/client';

export type HealthProblemKind =
  | 'failed' | 'terminated' | 'timed-out' | 'canceled' | 'workflow-task-failing' | 'activity-retrying' | 'not-picked-up';

export interface WorkflowHealth {
  status: string;
  runId: string;
  closeTime?: string | undefined;
  problem?: { kind: HealthProblemKind; since?: string | undefined; sentence: string } | undefined;
}

export async function workflowHealth(client: Client, workflowId: string): Promise<WorkflowHealth> {
  const described = await client.workflow.getHandle(workflowId).describe();
  const status = described.status.name;
  const closeTime = described.closeTime?.toISOString();
  const health: WorkflowHealth = { status, runId: described.runId, closeTime };
  const closed: Partial<Record<string, HealthProblemKind>> = {
    FAILED: 'failed', TERMINATED: 'terminated', TIMED_OUT: 'timed-out', CANCELLED: 'canceled',
  };
  const kind = closed[status];
  if (kind) health.problem = { kind, since: closeTime, sentence: `The campaign's workflow is ${status.toLowerCase()} (${closeTime}).` };
  return health;
}
