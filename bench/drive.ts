/**
 * Plays a campaign's whole team until the campaign closes: whatever `status.waiting` asks for
 * (prepare, consult, acknowledge, task, decide — gates, and the closing sign-off with gate
 * "closing"), every budget proposal waiting for approval, retrospective answers, the pilot's go, and
 * a failed step waiting for its owner (`step`: retried once the caller says the platform serves
 * again). Benchmarks and chaos trials drive campaigns only through `driveToEnd`, so they keep
 * working as the workflow learns new things to wait for: add the new kind here, once.
 *
 * It is deliberately tolerant: during a chaos trial Updates fail (no worker, no server, a refused
 * duplicate after a lost reply). The status is the truth; every failure just means "look again".
 *
 * Like people, the team answers each thing once. A decision the campaign accepted that shows up as
 * waiting again is answered again only after ASK_AGAIN_AFTER_MS (a person who opens the inbox later
 * and finds it there); each such answer the campaign accepts counts in `stats.askedAgain` — a
 * decision a person had to repeat.
 */
import type { Client } from '@temporalio/client';
import type { RecordsStore } from '../store/index.js';
import { acknowledge, campaignStatus, completeTask, consult, decide, prepare, resolveStep } from '../client/campaigns.js';
import type { WaitingItem } from '../domain/gates.js';
import {
  campaignWorkflowId, CLOSING_GATE, decidePilotUpdate, retrospectUpdate, type CampaignStatus,
} from '../workflows/contract.js';

export interface DriveOptions {
  /** Give up (throw) after this long without the campaign closing. */
  timeoutMs?: number;
  /** Pause between looks when nothing waits on anyone. */
  pollMs?: number;
  /** Told of each action that was accepted. */
  onAction?: (action: DriveAction) => void;
  /** Told of each failed action (the driver retries it). */
  onError?: (err: unknown, action: DriveAction) => void;
  /** Stop at this phase instead of `closed` (e.g. 'rollout' to leave a campaign open). */
  until?: CampaignStatus['phase'];
  /**
   * The closing sign-off waits until this settles, so the campaign stays open for as long as the
   * caller needs it (a chaos trial keeps it open until its last fault has struck).
   */
  holdSignOff?: Promise<unknown>;
  /** Stop (throw) at a status failure this says is final instead of looking again. */
  isFinal?: (err: unknown) => boolean;
  /** Stop (throw its reason) when this aborts. */
  abort?: AbortSignal;
  /** Whether a failed step may be retried now (a chaos trial says no while the platform refuses); default yes. */
  mayRetrySteps?: () => boolean;
  /** Filled in while driving: the decisions the team had to make again. */
  stats?: DriveStats;
}

export interface DriveStats {
  /** Answers the campaign accepted for something it had already accepted from the same person. */
  askedAgain: number;
  /** What they were (kind, person, gate or task). */
  askedAgainItems: DriveAction[];
  /** Failed steps (a platform's refusal) the team retried and the campaign accepted. */
  stepsRetried: number;
}

export interface DriveAction {
  kind: string;
  person: string;
  gate?: string | undefined;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const PHASE_ORDER: CampaignStatus['phase'][] = ['preparation', 'pilot', 'warmup', 'rollout', 'closing', 'closed'];

/** Drives the campaign until it closes (or reaches `until`); returns the last status seen. */
/** Where the team reads campaigns (the read model in the records store) and sends its answers (Temporal). */
export interface DriveSource {
  client: Client;
  store: RecordsStore;
}

export async function driveToEnd(source: DriveSource, campaignId: string, opts: DriveOptions = {}): Promise<CampaignStatus> {
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const until = opts.until ?? 'closed';
  const team = new TeamMemory();
  let signOffHeld = opts.holdSignOff !== undefined;
  void opts.holdSignOff?.finally(() => (signOffHeld = false));
  let last: CampaignStatus | undefined;
  for (;;) {
    opts.abort?.throwIfAborted();
    if (Date.now() > deadline) {
      throw new Error(`${campaignId} did not reach ${until} in time: phase ${last?.phase}, day ${last?.day}, waiting on ${last?.waitingOn.join(', ')}`);
    }
    let status: CampaignStatus;
    try {
      status = await campaignStatus(source, campaignId);
    } catch (err) {
      if (opts.isFinal?.(err)) throw err;
      // No worker or no server for a moment (chaos): look again shortly.
      opts.onError?.(err, { kind: 'status', person: '' });
      await pause(250);
      continue;
    }
    last = status;
    if (PHASE_ORDER.indexOf(status.phase) >= PHASE_ORDER.indexOf(until)) return status;
    const action = nextAction(status, team, signOffHeld, opts.mayRetrySteps?.() ?? true);
    if (!action) {
      await pause(opts.pollMs ?? 50);
      continue;
    }
    try {
      const again = team.answeredBefore(action);
      await perform(source, status, action);
      team.done(action);
      if (again && opts.stats) {
        opts.stats.askedAgain++;
        opts.stats.askedAgainItems.push(action.describe);
      }
      if (action.describe.kind === 'step' && opts.stats) opts.stats.stepsRetried++;
      opts.onAction?.(action.describe);
    } catch (err) {
      team.failed(action);
      opts.onError?.(err, action.describe);
      await pause(100);
    }
  }
}

interface Action {
  describe: DriveAction;
  key: string;
  /** A failed step's answer: sent again whenever the step is waiting again (each failure is a new question). */
  repeatable?: boolean;
  run(source: DriveSource): Promise<unknown>;
}

/** A decision the campaign accepted that is waiting again after this long is answered again (and counted). */
export const ASK_AGAIN_AFTER_MS = 20_000;

/**
 * Remembers what the campaign accepted, so an answer that is accepted but not yet visible is not
 * sent again, and one that is waiting again is answered again only the way a person would: later.
 */
export class TeamMemory {
  private accepted = new Map<string, number>();
  private static readonly RESEND_AFTER_MS = 3_000;
  fresh(action: Action): boolean {
    const at = this.accepted.get(action.key);
    if (at === undefined) return true;
    return Date.now() - at > (action.repeatable ? TeamMemory.RESEND_AFTER_MS : ASK_AGAIN_AFTER_MS);
  }
  /** The campaign accepted this answer before: sending it again is asking the person twice. */
  answeredBefore(action: Action): boolean {
    return !action.repeatable && this.accepted.has(action.key);
  }
  done(action: Action): void {
    this.accepted.set(action.key, Date.now());
  }
  failed(action: Action): void {
    // A refused or unanswered call: the earlier acceptance (if any) still stands.
    if (!this.accepted.has(action.key)) return;
    this.accepted.set(action.key, Date.now());
  }
}

/** What the team does next, given the status: the first thing waiting, then budgets, closing. */
function nextAction(status: CampaignStatus, team: TeamMemory, signOffHeld = false, mayRetrySteps = true): Action | undefined {
  const id = status.id;
  const candidates: Action[] = [];
  for (const item of status.waiting) {
    if (signOffHeld && item.gate === CLOSING_GATE) continue;
    if ((item.kind as string) === 'step' && !mayRetrySteps) continue;
    candidates.push(waitingAction(status, item));
  }
  const approval = status.budgetApproval;
  if (approval?.status === 'waiting') {
    candidates.push({
      describe: { kind: 'approve-budget', person: approval.approver, gate: approval.id },
      key: `budget:${approval.id}`,
      run: (source) => decide(source, id, { gate: approval.id, by: approval.approver, decision: 'approve' }),
    });
  }
  return candidates.find((a) => team.fresh(a));
}

function waitingAction(status: CampaignStatus, item: WaitingItem): Action {
  const id = status.id;
  const kind = item.kind as string;
  const describe = { kind, person: item.person, gate: item.gate ?? item.task };
  const key = `${kind}:${item.person}:${item.gate ?? item.task ?? ''}`;
  const gate = status.gates.find((g) => g.id === item.gate);
  switch (kind) {
    case 'step': {
      // A step that failed (a platform's refusal) waits for its owner: retry it.
      const step = item.step ?? '';
      return {
        describe: { ...describe, gate: step }, key: `step:${item.person}:${step}`, repeatable: true,
        run: ({ client: c }) => resolveStep(c, id, { step, action: 'retry', by: item.person }),
      };
    }
    case 'task':
      return { describe, key, run: ({ client: c }) => completeTask(c, id, { task: item.task!, by: item.person }) };
    case 'acknowledge':
      return { describe, key, run: ({ client: c }) => acknowledge(c, id, { by: item.person }) };
    case 'prepare':
      return {
        describe, key,
        run: ({ client: c }) => prepare(c, id, { gate: item.gate!, by: item.person, ready: true, evidence: [{ kind: 'note', value: 'rehearsal: ready' }] }),
      };
    case 'consult':
      return { describe, key, run: ({ client: c }) => consult(c, id, { gate: item.gate!, by: item.person, comment: `${item.person}: no objections` }) };
    case 'retrospect':
      return {
        describe, key,
        run: ({ client: c }) => c.workflow.getHandle(campaignWorkflowId(id)).executeUpdate(retrospectUpdate, {
          args: [{ by: item.person, worked: ['rehearsal: the plan ran as written'] }],
        }),
      };
    case 'pilot':
      return {
        describe, key,
        run: ({ client: c }) => c.workflow.getHandle(campaignWorkflowId(id)).executeUpdate(decidePilotUpdate, { args: [{ decision: 'go', by: item.person }] }),
      };
    default: {
      // decide (a gate, or the closing sign-off with gate "closing"), and anything new that is
      // decided like a gate.
      const unticked = gate?.checklist.filter((c) => !c.ticked).map((c) => c.item) ?? [];
      return {
        describe: { ...describe, kind: item.gate === CLOSING_GATE ? 'sign-off' : kind }, key,
        async run(source) {
          if (unticked.length) await prepare(source.client, id, { gate: item.gate!, by: item.person, tick: unticked });
          return decide(source, id, { gate: item.gate!, by: item.person, decision: 'approve' });
        },
      };
    }
  }
}

async function perform(source: DriveSource, _status: CampaignStatus, action: Action): Promise<void> {
  await action.run(source);
}

/**
 * One answer to whatever the status waits for (for harnesses that time some actions themselves);
 * false when nothing waits. Failures propagate.
 */
export async function driveStep(source: DriveSource, status: CampaignStatus, team: TeamMemory): Promise<boolean> {
  const action = nextAction(status, team);
  if (!action) {
    await pause(20);
    return false;
  }
  await perform(source, status, action);
  team.done(action);
  return true;
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
