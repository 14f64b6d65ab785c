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

export async function inbox(client: Client, person: string, now = new Date()): Promise<Inbox> {
  const listed = await listCampaigns(client, { waitingOn: person });
  const items: InboxItem[] = [];
  const unavailable: string[] = [];
  for (const campaign of listed) {
    const status = await campaignStatus(client, campaign.campaignId).catch(() => undefined);
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
