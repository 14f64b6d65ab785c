/**
 * Who the campaign is waiting on, and for what: the inbox of every person and the
 * `CampaignWaitingOn` search attribute are both built from this.
 */
import type { GateState } from './gate-state.js';
import { pendingDependencies, unacknowledged, type PreparationFacts } from './progress.js';

/**
 * decide: a gate (or a budget proposal, or the closing sign-off); pilot: the go/no-go; crisis: the
 * response statement (proposed by anyone, approved by the accountable person); retrospect: a
 * team member's retrospective answer; step: a failed step to retry or skip (the owner).
 */
export type WaitingKind = 'decide' | 'prepare' | 'consult' | 'acknowledge' | 'task' | 'pilot' | 'crisis' | 'retrospect' | 'step';

export interface WaitingItem {
  person: string;
  kind: WaitingKind;
  gate?: string;
  task?: string;
  /** The failed step's id, for kind `step`. */
  step?: string;
  /** Since when this person has been waited on for it. */
  since: string;
}

export interface TaskOwner {
  id: string;
  owner: string;
}

export function waitingItems(
  gates: readonly GateState[],
  facts: PreparationFacts,
  tasks: readonly TaskOwner[],
  startedAt: string,
): WaitingItem[] {
  const items: WaitingItem[] = [];
  for (const gate of gates) {
    const since = gate.stageSince;
    switch (gate.stage) {
      case 'blocked':
        for (const dep of pendingDependencies(gate, gates, facts)) {
          const task = tasks.find((t) => t.id === dep);
          if (task) items.push({ person: task.owner, kind: 'task', task: task.id, since: startedAt });
        }
        break;
      case 'preparing':
        for (const r of gate.readiness.filter((x) => !x.ready)) items.push({ person: r.person, kind: 'prepare', gate: gate.id, since });
        if (gate.requiresAcknowledgement) {
          for (const person of unacknowledged(facts)) items.push({ person, kind: 'acknowledge', gate: gate.id, since: startedAt });
        }
        break;
      case 'consulting':
        for (const c of gate.consultations.filter((x) => x.comment === undefined)) items.push({ person: c.person, kind: 'consult', gate: gate.id, since });
        break;
      case 'deciding':
        items.push({ person: gate.accountable, kind: 'decide', gate: gate.id, since });
        break;
      case 'approved':
        break;
    }
  }
  return dedupe(items);
}

function dedupe(items: WaitingItem[]): WaitingItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    // A task or the strategy acknowledgement can hold up several gates: list it once per person.
    const shared = i.kind === 'task' || i.kind === 'acknowledge';
    const key = `${i.person}|${i.kind}|${shared ? (i.task ?? '') : (i.gate ?? '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** People whose action is pending, sorted and without repeats. */
export function waitingPeople(items: readonly WaitingItem[]): string[] {
  return [...new Set(items.map((i) => i.person))].sort();
}
