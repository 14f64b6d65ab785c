/**
 * People's time as a cost (P3.6). Nobody logs hours here, so they are estimated from the plan: each
 * task's duration at eight working hours a day goes to its owner, and each gate decision costs its
 * decider a fixed hour (reading what was prepared, the consultations, and deciding). Consultations,
 * reviews and chasing are not counted: the estimate is a floor, not a timesheet.
 */
import { durationDays } from '../plan/schedule.js';
import type { Plan } from '../plan/schema.js';
import { roundMoney } from '../metrics.js';
import type { GateRecord } from './decisions.js';

export const HOURS_PER_TASK_DAY = 8;
export const HOURS_PER_GATE_DECISION = 1;

export interface PersonTime {
  person: string;
  name: string;
  taskHours: number;
  decisionHours: number;
  hours: number;
  hourlyCost: number | null;
  /** hours × hourlyCost; null when the plan gives no hourly cost for the person. */
  cost: number | null;
}

/**
 * Decisions are counted from the gates' rounds (a send-back costs another decision); gates with no
 * recorded round count one decision by their accountable person.
 */
export function peopleTime(plan: Pick<Plan, 'team' | 'tasks' | 'gates'>, gates?: readonly GateRecord[]): PersonTime[] {
  const taskHours = new Map<string, number>();
  for (const task of plan.tasks) {
    taskHours.set(task.owner, (taskHours.get(task.owner) ?? 0) + durationDays(task.duration) * HOURS_PER_TASK_DAY);
  }
  const decisions = new Map<string, number>();
  const count = (person: string) => decisions.set(person, (decisions.get(person) ?? 0) + 1);
  for (const gate of plan.gates) {
    const rounds = gates?.find((g) => g.id === gate.id)?.rounds ?? [];
    if (rounds.length === 0) count(gate.accountable);
    for (const round of rounds) count(round.by);
  }
  const people = [...plan.team.map((m) => m.id)];
  for (const id of [...taskHours.keys(), ...decisions.keys()]) if (!people.includes(id)) people.push(id);
  return people.flatMap((person) => {
    const task = round2(taskHours.get(person) ?? 0);
    const decision = (decisions.get(person) ?? 0) * HOURS_PER_GATE_DECISION;
    const hours = round2(task + decision);
    if (hours === 0) return [];
    const member = plan.team.find((m) => m.id === person);
    const hourlyCost = member?.hourlyCost ?? null;
    return [{
      person,
      name: member?.name ?? person,
      taskHours: task,
      decisionHours: decision,
      hours,
      hourlyCost,
      cost: hourlyCost === null ? null : roundMoney(hours * hourlyCost),
    }];
  });
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
