/**
 * Everything waiting on one person across all campaigns, from the read model: the statuses whose
 * `waitingOn` names the person say what, and since when. A campaign whose workflow has stopped
 * (failed, terminated) still shows its last status; it is named as unavailable instead of listed.
 */
import type { WaitingItem } from '../domain/gates.js';
import type { CampaignStatus } from '../workflows/contract.js';
import { campaignWorkflowId } from '../workflows/contract.js';
import type { CampaignSource } from './read-model.js';
import { workflowHealth } from './workflow-health.js';

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
  /** Campaigns whose last status waits on the person but whose workflow is not running now. */
  unavailable: string[];
}

export async function inbox(
  source: CampaignSource,
  person: string,
  opts: { taskQueue?: string | undefined; now?: Date } = {},
): Promise<Inbox> {
  const published = await source.store.statuses.waitingOn(person, opts.taskQueue);
  const statuses = published.map((p) => p.status as CampaignStatus);
  const running = await Promise.all(statuses.map((s) => isRunning(source, s.id)));
  const now = (opts.now ?? new Date()).getTime();
  const items = statuses.flatMap((status, i) => (running[i] ? itemsFor(person, status, now) : []));
  // Longest-waiting first: that is what to do next.
  items.sort((a, b) => b.waitedMs - a.waitedMs);
  const unavailable = statuses.filter((_, i) => !running[i]).map((s) => s.id);
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
 * Whether the campaign's workflow still runs. Temporal not answering leaves the items listed: the
 * status is the campaign's own, and the person's work is still owed.
 */
async function isRunning(source: CampaignSource, campaignId: string): Promise<boolean> {
  try {
    const client = typeof source.client === 'function' ? await source.client() : source.client;
    return (await workflowHealth(client, campaignWorkflowId(campaignId))).status === 'RUNNING';
  } catch (err) {
    return (err as Error).name !== 'WorkflowNotFoundError';
  }
}
