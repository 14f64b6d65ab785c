/**
 * Everything waiting on one person across all campaigns: found through the CampaignWaitingOn
 * search attribute, then read from each campaign's status (which says what, and since when).
 */
import { ServiceError, type Client } from '@temporalio/client';
import type { WaitingItem } from '../domain/gates.js';
import type { CampaignStatus } from '../workflows/contract.js';
import { CampaignError, campaignStatus, listCampaigns } from './campaigns.js';

export interface InboxItem extends WaitingItem {
  campaignId: string;
  campaignName: string;
  /** The gate's title, the task's name or what the failed step does, for people. */
  title: string;
  waitedMs: number;
}

export interface Inbox {
  person: string;
  items: InboxItem[];
  /** Campaigns listed as waiting on the person whose status could not be read right now. */
  unavailable: string[];
}

/** A campaign whose worker does not answer within this is reported as unavailable, not waited on. */
const STATUS_DEADLINE_MS = 3_000;

export async function inbox(
  client: Client,
  person: string,
  opts: { taskQueue?: string | undefined; now?: Date } = {},
): Promise<Inbox> {
  const listed = await listCampaigns(client, { waitingOn: person, taskQueue: opts.taskQueue });
  const statuses = await Promise.all(listed.map(async (l) => ({ campaignId: l.campaignId, status: await readStatus(client, l.campaignId) })));
  const now = (opts.now ?? new Date()).getTime();
  const items = statuses.flatMap(({ status }) => (typeof status === 'object' ? itemsFor(person, status, now) : []));
  // Longest-waiting first: that is what to do next.
  items.sort((a, b) => b.waitedMs - a.waitedMs);
  const unavailable = statuses.filter((s) => s.status === 'unavailable').map((s) => s.campaignId);
  return { person, items, unavailable };
}

function itemsFor(person: string, status: CampaignStatus, now: number): InboxItem[] {
  return status.waiting
    .filter((w) => w.person === person)
    .map((item) => ({
      ...item,
      campaignId: status.id,
      campaignName: status.name,
      title: titleOf(item, status),
      waitedMs: Math.max(0, now - Date.parse(item.since)),
    }));
}

function titleOf(item: WaitingItem, status: CampaignStatus): string {
  if (item.gate) return status.gates.find((g) => g.id === item.gate)?.title ?? item.gate;
  // Statuses published before failed steps were kept have no `steps`.
  if (item.step) return status.steps?.find((s) => s.id === item.step)?.summary ?? item.step;
  return status.tasks.find((t) => t.id === item.task)?.name ?? item.task ?? '';
}

/**
 * One campaign's status for the inbox, read concurrently with the others. A campaign whose worker
 * is down would hold the whole inbox for the query timeout (30 s); it is named as unavailable
 * instead. One the index still lists after it is gone is left out.
 */
async function readStatus(client: Client, campaignId: string): Promise<CampaignStatus | 'unavailable' | undefined> {
  try {
    return await client.withDeadline(Date.now() + STATUS_DEADLINE_MS, () => campaignStatus(client, campaignId));
  } catch (err) {
    if (err instanceof CampaignError && err.exitCode === 2) return undefined;
    if (err instanceof CampaignError || err instanceof ServiceError) return 'unavailable';
    throw err;
  }
}
