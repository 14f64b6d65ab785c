/**
 * Everything waiting on one person across all campaigns: found through the CampaignWaitingOn
 * search attribute, then read from each campaign's status (which says what, and since when).
 */
import type { Client } from '@temporalio/client';
import type { WaitingItem } from '../domain/gates.js';
import { campaignStatus, listCampaigns } from './campaigns.js';

export interface InboxItem extends WaitingItem {
  campaignId: string;
  campaignName: string;
  /** The gate's title or the task's name, for people. */
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

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work.catch(() => undefined), expired]).finally(() => clearTimeout(timer));
}

export async function inbox(
  client: Client,
  person: string,
  opts: { taskQueue?: string | undefined; now?: Date } = {},
): Promise<Inbox> {
  const now = opts.now ?? new Date();
  const listed = await listCampaigns(client, { waitingOn: person, taskQueue: opts.taskQueue });
  const statuses = await Promise.all(listed.map((c) => withDeadline(campaignStatus(client, c.campaignId), STATUS_DEADLINE_MS)));
  const items: InboxItem[] = [];
  const unavailable: string[] = [];
  for (const [index, campaign] of listed.entries()) {
    const status = statuses[index];
    if (!status) {
      unavailable.push(campaign.campaignId);
      continue;
    }
    for (const item of status.waiting.filter((w) => w.person === person)) {
      const title = item.gate
        ? (status.gates.find((g) => g.id === item.gate)?.title ?? item.gate)
        : (status.tasks.find((t) => t.id === item.task)?.name ?? item.task ?? '');
      items.push({ ...item, campaignId: status.id, campaignName: status.name, title, waitedMs: Math.max(0, now.getTime() - Date.parse(item.since)) });
    }
  }
  // Longest-waiting first: that is what to do next.
  items.sort((a, b) => b.waitedMs - a.waitedMs);
  return { person, items, unavailable };
}
