/**
 * What the campaign shows: the `status` read model, who it waits on, and the search attributes
 * that let `temporal workflow list` find an approver's queue. Reads of the state, except `commit`,
 * the one place that publishes the search attributes.
 */
import { upsertSearchAttributes } from '@temporalio/workflow';
import { waitingItems, waitingPeople, preparationFacts, type WaitingItem } from '../../domain/gates.js';
import { crisisAccountable } from '../../domain/execution/checks.js';
import { plannedTasks, taskProgress, type ProgressReport } from '../../domain/execution/task-progress.js';
import { missingAnswers, type RetrospectiveView } from '../../domain/closing/sign-off.js';
import { waitingSteps } from '../../domain/execution/steps.js';
import {
  CLOSING_GATE, CampaignOwnerKey, CampaignPhaseKey, CampaignWaitingOnKey, type CampaignStatus,
} from '../contract.js';
import { planDay, planNow, planTimeOf } from './execution/clock.js';
import type { CampaignState } from './state.js';
import { signingSummary } from '../../domain/signing/keys.js';

/**
 * Applies a change that can move the phase or who is waited on, then publishes the search
 * attributes if they moved (unchanged values add no history event). Every such change goes
 * through here, synchronously: the upsert is a command, and its place among the others is part
 * of what replay checks. `commit(state)` alone publishes the state as it is.
 */
export function commit(state: CampaignState, change?: () => void): void {
  change?.();
  const waitingOn = waitingPeople(currentWaiting(state));
  const fingerprint = JSON.stringify([state.phase, waitingOn]);
  if (fingerprint === state.published) return;
  state.published = fingerprint;
  upsertSearchAttributes([
    { key: CampaignPhaseKey, value: state.phase },
    { key: CampaignOwnerKey, value: state.plan.owner },
    { key: CampaignWaitingOnKey, value: waitingOn },
  ]);
}

export function statusOf(state: CampaignState): CampaignStatus {
  const { campaignId, plan, history: _history, interactionImports: _imports, published: _published, signing, ...progress } = state;
  const waiting = currentWaiting(state);
  return {
    ...progress,
    id: campaignId,
    name: plan.name,
    owner: plan.owner,
    currency: plan.currency,
    timezone: plan.timezone,
    waitingOn: waitingPeople(waiting),
    waiting,
    execution: { ...progress.execution, schedule: scheduleOf(state) },
    signing: signingSummary(signing),
  };
}

/** Who the campaign waits on now: gate work in preparation, a budget approval in the rollout. */
export function currentWaiting(state: CampaignState): WaitingItem[] {
  const items = state.phase === 'preparation'
    ? waitingItems(state.gates, preparationFacts(state.plan, state), state.tasks, state.startedAt)
    : [];
  const approval = state.budgetApproval;
  if (approval?.status === 'waiting') {
    items.push({ person: approval.approver, kind: 'decide', gate: approval.id, since: approval.openedAt });
  }
  const more = executionWaiting(state).filter((w) => !items.some((i) => i.kind === w.kind && i.person === w.person && i.task === w.task));
  return [...items, ...more];
}

/**
 * Started tasks, the pilot's decision, a crisis statement to approve, retrospective answers, the
 * sign-off, and failed steps (the owner retries or skips them).
 */
function executionWaiting(state: CampaignState): WaitingItem[] {
  const { plan, execution, retrospective } = state;
  // Every started task waits for its owner, in whatever phase (automatic ones the campaign completes).
  const items: WaitingItem[] = state.tasks
    .filter((t) => t.startedAt && t.status !== 'done' && !t.automatic)
    .map((t) => ({ person: t.owner, kind: 'task' as const, task: t.id, since: t.startedAt! }));
  if (execution.pilot?.status === 'deciding' && plan.pilot) {
    items.push({ person: plan.pilot.decidedBy, kind: 'pilot', since: state.execution.pilotSince ?? state.startedAt });
  }
  const crisis = execution.crisis;
  if (crisis?.status === 'active') {
    items.push({ person: crisisAccountable(plan), kind: 'crisis', since: crisis.statement?.at ?? crisis.startedAt });
  }
  if (state.phase === 'closing' && retrospective.asked.length > 0 && !retrospective.signedOff) {
    const since = state.execution.phaseStarts.closing ?? state.startedAt;
    for (const person of missingAnswers(retrospective)) items.push({ person, kind: 'retrospect', since });
    items.push({ person: plan.closing.accountable, kind: 'decide', gate: CLOSING_GATE, since });
  }
  for (const step of waitingSteps(state.steps)) items.push({ person: plan.owner, kind: 'step', step: step.id, since: step.failedAt });
  return items;
}

/** Planned against actual task days, with lateness and the critical path, for the status. */
export function scheduleOf(state: CampaignState): ProgressReport | undefined {
  if (state.plan.tasks.length === 0) return undefined;
  const starts = Object.fromEntries(
    Object.entries(state.execution.phaseStarts).map(([phase, at]) => [phase, planDay(state, Date.parse(at))]),
  );
  const toDay = (iso: string | undefined) => (iso === undefined ? undefined : planDay(state, planTimeOf(state, iso)));
  const actuals = state.tasks.map((t) => ({ id: t.id, startedAt: toDay(t.startedAt), doneAt: toDay(t.doneAt) }));
  return taskProgress(plannedTasks(state.plan.tasks, starts), actuals, planDay(state, planNow(state)));
}

/** The retrospective as its checks see it: open once the closing has asked the team. */
export function retrospectiveView(state: CampaignState): RetrospectiveView & CampaignState['retrospective'] {
  return { ...state.retrospective, open: state.phase === 'closing' && state.retrospective.asked.length > 0 };
}
