/**
 * Reading a campaign as people do: its status from the read model the workflow publishes
 * (store/statuses.ts), and how its workflow is doing from Temporal's own description. Neither needs
 * a worker, and nothing here sends a workflow query (a query can corrupt a running workflow:
 * docs/temporal-query-defect.md).
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ErrorType } from '../domain/errors.js';
import type { Rehearsal } from '../domain/rehearsal.js';
import type { PublishedStatus, RecordsStore } from '../store/index.js';
import { campaignWorkflowId, type CampaignStatus } from '../workflows/contract.js';
import { CampaignError, noCampaign, type Sentence } from './campaign-error.js';
import { workflowHealth, type WorkflowHealth } from './workflow-health.js';

/** Where a campaign is read from: Temporal (connected, or how to connect) and the records store. */
export interface CampaignSource {
  client: Client | (() => Promise<Client>);
  store: RecordsStore;
}

/** How the status was read: when the campaign published it, and what Temporal says of its workflow. */
export interface StatusReading {
  /** The campaign's own clock when it published this status: the state is as of then. */
  asOf: string;
  /** When the records database received it. */
  publishedAt: string;
  /** How long before the read it was published. */
  ageMs: number;
  workflow: WorkflowReading;
}

export interface WorkflowReading {
  /** Temporal's execution status (RUNNING, COMPLETED, FAILED, …), or UNKNOWN when Temporal does not answer. */
  status: string;
  /** What is wrong, in a sentence a manager understands; absent when nothing is. */
  problem?: string | undefined;
}

export type CampaignReading = CampaignStatus & {
  reading: StatusReading;
  /** Why the campaign is a rehearsal, from its records; null for a real one; absent until it has registered. */
  rehearsal?: Rehearsal | null;
};

/**
 * A campaign publishes its first status in its first workflow task, a moment after it starts: a
 * read in between waits this long for it (polling the store) before saying it has none.
 */
const FIRST_STATUS_WAIT_MS = 3_000;
const FIRST_STATUS_POLL_MS = 100;

export async function readCampaign(source: CampaignSource, id: string, now: Date = new Date()): Promise<CampaignReading> {
  const [published, health, rehearsals] = await Promise.all([
    source.store.statuses.read(id), healthOf(source, id),
    // Records older than the rehearsal flag only lose the line that says it.
    source.store.campaigns.rehearsals([id]).catch(() => new Map<string, Rehearsal | null>()),
  ]);
  let stored = published;
  if (!stored) {
    if (health === 'not-found') throw noCampaign(id);
    if (!('unreachable' in health) && health.status === 'RUNNING' && !health.problem) stored = await firstStatus(source.store, id);
    if (!stored) throw notPublished(id, health);
  }
  const read = withReading(stored, health === 'not-found' ? { status: 'UNKNOWN', problem: 'Temporal no longer knows this campaign (its history is past retention); this is its last published status.' } : reading(health), now);
  const rehearsal = rehearsals.get(id);
  return rehearsal === undefined ? read : { ...read, rehearsal };
}

async function firstStatus(store: RecordsStore, id: string): Promise<PublishedStatus | undefined> {
  const deadline = Date.now() + FIRST_STATUS_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, FIRST_STATUS_POLL_MS));
    const stored = await store.statuses.read(id);
    if (stored) return stored;
  }
  return undefined;
}

function withReading(stored: PublishedStatus, workflow: WorkflowReading, now: Date): CampaignReading {
  // The workflow wrote this document (workflows/campaign/read-model.ts statusOf); the store keeps it as written.
  const status = stored.status as CampaignStatus;
  return {
    ...status,
    reading: { asOf: stored.asOf, publishedAt: stored.publishedAt, ageMs: Math.max(0, now.getTime() - Date.parse(stored.publishedAt)), workflow },
  };
}

function reading(health: WorkflowHealth | { unreachable: string }): WorkflowReading {
  if ('unreachable' in health) return { status: 'UNKNOWN', problem: health.unreachable };
  return { status: health.status, ...(health.problem ? { problem: health.problem.sentence } : {}) };
}

type Health = WorkflowHealth | { unreachable: string; error?: unknown } | 'not-found';

async function healthOf(source: CampaignSource, id: string): Promise<Health> {
  try {
    const client = typeof source.client === 'function' ? await source.client() : source.client;
    return await workflowHealth(client, campaignWorkflowId(id));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'not-found';
    return { unreachable: `Temporal does not answer now (${(err as Error).message}); this is the campaign's last published status.`, error: err };
  }
}

function notPublished(id: string, health: Exclude<Health, 'not-found'>): CampaignError {
  const cause = 'unreachable' in health ? health.error : undefined;
  const why: Sentence = cause instanceof CampaignError && cause.sentence
    ? cause.sentence
    : 'unreachable' in health
      ? () => health.unreachable.replace(/; this is .*$/, '.')
      : (m) => health.problem?.sentence ?? m.errors.noWorkerYet;
  return CampaignError.saying((m) => m.errors.notPublished(id, why(m)), 1, ErrorType.StatusNotPublished);
}
