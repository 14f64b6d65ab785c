/**
 * Plays a campaign's team during preparation in rehearsals (demo, tests, benchmarks): each person
 * does what the campaign waits on them for, through the same Updates people use.
 */
import type { Client } from '@temporalio/client';
import { acknowledge, campaignStatus, completeTask, consult, decide, prepare } from '../client/campaigns.js';
import type { WaitingItem } from '../domain/gates.js';
import type { CampaignStatus } from '../workflows/contract.js';

export interface RehearsalOptions {
  /** Told of each action, as a sentence. */
  onAction?: (text: string) => void;
  /** Send this gate back once, with this comment, before approving it. */
  sendBack?: { gate: string; comment: string };
  /** Pause between actions, so a watcher can follow. */
  pauseMs?: number;
  /** Give up after this long. */
  timeoutMs?: number;
}

export async function playPreparation(client: Client, campaignId: string, opts: RehearsalOptions = {}): Promise<void> {
  const say = opts.onAction ?? (() => {});
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let sentBack = false;
  for (;;) {
    const status = await campaignStatus(client, campaignId);
    if (status.phase !== 'preparation') return;
    if (Date.now() > deadline) throw new Error(`Preparation of ${campaignId} did not finish: still waiting on ${status.waitingOn.join(', ')}`);
    const next = status.waiting[0];
    if (!next) {
      // Between two activations the campaign may briefly wait on nobody (a window closing).
      await pause(50);
      continue;
    }
    const sendBack = opts.sendBack && !sentBack && next.kind === 'decide' && next.gate === opts.sendBack.gate ? opts.sendBack : undefined;
    if (sendBack) sentBack = true;
    await act(client, status, next, sendBack, say);
    await pause(opts.pauseMs ?? 0);
  }
}

async function act(
  client: Client,
  status: CampaignStatus,
  item: WaitingItem,
  sendBack: { comment: string } | undefined,
  say: (text: string) => void,
): Promise<void> {
  const id = status.id;
  const gate = status.gates.find((g) => g.id === item.gate);
  const title = gate?.title ?? item.gate ?? item.task ?? '';
  switch (item.kind) {
    case 'task':
      await completeTask(client, id, { task: item.task!, by: item.person });
      say(`${item.person} finished task "${status.tasks.find((t) => t.id === item.task)?.name ?? item.task}"`);
      return;
    case 'acknowledge':
      await acknowledge(client, id, { by: item.person });
      say(`${item.person} acknowledged the strategy`);
      return;
    case 'prepare':
      await prepare(client, id, { gate: item.gate!, by: item.person, ready: true, evidence: [{ kind: 'note', value: `rehearsal: ${title} ready` }] });
      say(`${item.person} marked "${title}" ready`);
      return;
    case 'consult':
      await consult(client, id, { gate: item.gate!, by: item.person, comment: `${item.person}: no objections to "${title}"` });
      say(`${item.person} commented on "${title}"`);
      return;
    case 'decide': {
      const unticked = gate?.checklist.filter((c) => !c.ticked).map((c) => c.item) ?? [];
      if (unticked.length) {
        await prepare(client, id, { gate: item.gate!, by: item.person, tick: unticked });
        say(`${item.person} ticked ${unticked.length} checklist item(s) of "${title}"`);
      }
      if (sendBack) {
        await decide(client, id, { gate: item.gate!, decision: 'send-back', by: item.person, comment: sendBack.comment });
        say(`${item.person} sent "${title}" back: ${sendBack.comment}`);
        return;
      }
      await decide(client, id, { gate: item.gate!, decision: 'approve', by: item.person });
      say(`${item.person} approved "${title}"`);
      return;
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Plays the budget approver during the rollout: every proposal that waits for approval is
 * approved (or, when `reject` says so, rejected with a reason) until the campaign closes.
 */
export async function playBudgetApprover(
  client: Client,
  campaignId: string,
  opts: { onAction?: (text: string) => void; reject?: (day: number) => boolean; pauseMs?: number } = {},
): Promise<void> {
  const say = opts.onAction ?? (() => {});
  const decided = new Set<string>();
  for (;;) {
    const status = await campaignStatus(client, campaignId);
    if (status.phase === 'closing' || status.phase === 'closed') return;
    const approval = status.budgetApproval;
    if (approval?.status === 'waiting' && !decided.has(approval.id)) {
      decided.add(approval.id);
      await pause(opts.pauseMs ?? 0);
      const reject = opts.reject?.(approval.day) ?? false;
      try {
        await decide(client, campaignId, {
          gate: approval.id, by: approval.approver,
          ...(reject ? { decision: 'send-back', comment: '本周先保持原预算, 等更多数据' } : { decision: 'approve' }),
        });
        say(`${approval.approver} ${reject ? 'rejected' : 'approved'} the day-${approval.day} budget proposal: ${approval.proposal.summary}`);
      } catch (err) {
        // The proposal may have lapsed at the next review while we were deciding.
        say(`${approval.approver} was too late for the day-${approval.day} proposal: ${(err as Error).message}`);
      }
    }
    await pause(100);
  }
}
