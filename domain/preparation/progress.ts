/**
 * Where each gate stands, derived from facts: dependencies, readiness, acknowledgements and the
 * consult window. Recomputed after every event, so the stage can never disagree with the facts.
 */
import type { GateStage, GateState } from './gate-state.js';

export interface PreparationFacts {
  /** Preparation tasks marked done. */
  doneTasks: readonly string[];
  /** Team members who acknowledged the strategy (P1.2). */
  acknowledged: readonly string[];
  team: readonly string[];
  /** Ids of the plan's tasks, to tell a task dependency from a gate dependency. */
  taskIds: readonly string[];
}

export function gateStage(gate: GateState, gates: readonly GateState[], facts: PreparationFacts): GateStage {
  if (gate.status === 'approved') return 'approved';
  if (pendingDependencies(gate, gates, facts).length > 0) return 'blocked';
  if (gate.readiness.some((r) => !r.ready)) return 'preparing';
  if (gate.requiresAcknowledgement && unacknowledged(facts).length > 0) return 'preparing';
  if (!gate.consultClosed && gate.consultations.some((c) => c.comment === undefined)) return 'consulting';
  return 'deciding';
}

export function pendingDependencies(gate: GateState, gates: readonly GateState[], facts: PreparationFacts): string[] {
  return gate.dependsOn.filter((dep) =>
    facts.taskIds.includes(dep) ? !facts.doneTasks.includes(dep) : gates.find((g) => g.id === dep)?.status !== 'approved',
  );
}

export function unacknowledged(facts: PreparationFacts): string[] {
  return facts.team.filter((m) => !facts.acknowledged.includes(m));
}

export interface StageChange {
  gate: string;
  from: GateStage;
  to: GateStage;
}

/**
 * Every gate's stage after the facts changed. Approvals unblock dependants, so this repeats until
 * nothing moves. A gate leaving `blocked` opens its first round.
 */
export function advanceGates(
  gates: readonly GateState[],
  facts: PreparationFacts,
  at: Date,
): { gates: GateState[]; changes: StageChange[] } {
  let current = [...gates];
  const changes: StageChange[] = [];
  for (let pass = 0; pass <= gates.length; pass++) {
    let moved = false;
    current = current.map((g) => {
      const stage = gateStage(g, current, facts);
      if (stage === g.stage) return g;
      moved = true;
      changes.push({ gate: g.id, from: g.stage, to: stage });
      const opened = g.stage === 'blocked' && g.openedAt === undefined ? at.toISOString() : g.openedAt;
      return { ...g, stage, stageSince: at.toISOString(), openedAt: opened };
    });
    if (!moved) break;
  }
  return { gates: current, changes };
}

export function allApproved(gates: readonly GateState[]): boolean {
  return gates.every((g) => g.status === 'approved');
}
