/**
 * When to chase a gate that waits: a reminder every `remind`, an escalation at `due` and again at
 * twice `due` (then it stops: two escalations are what the guide's teams accept before a meeting).
 */

export interface ChaseStep {
  /** Milliseconds after the round opened. */
  afterMs: number;
  kind: 'reminder' | 'escalation';
  /** 1 for the first reminder or escalation, 2 for the second, … */
  count: number;
}

/** Reminders stop after this many, so a gate nobody watches does not page people for ever. */
const MAX_REMINDERS = 10;

export function chaseSchedule(remindMs: number | undefined, dueMs: number | undefined): ChaseStep[] {
  const steps: ChaseStep[] = [];
  const horizon = dueMs !== undefined ? 2 * dueMs : Number.POSITIVE_INFINITY;
  if (dueMs !== undefined) {
    steps.push({ afterMs: dueMs, kind: 'escalation', count: 1 }, { afterMs: 2 * dueMs, kind: 'escalation', count: 2 });
  }
  if (remindMs !== undefined && remindMs > 0) {
    for (let k = 1; k <= MAX_REMINDERS && k * remindMs < horizon; k++) {
      // An escalation at the same moment already tells everyone; no reminder on top.
      if (!steps.some((s) => s.kind === 'escalation' && s.afterMs === k * remindMs)) {
        steps.push({ afterMs: k * remindMs, kind: 'reminder', count: k });
      }
    }
  }
  return steps.sort((a, b) => a.afterMs - b.afterMs || (a.kind === 'escalation' ? 1 : -1));
}
