/**
 * Preparation (P1.1–P1.10): gates open as their dependencies are met, responsible people prepare,
 * consulted people comment within their window, the accountable person decides, and whoever the
 * campaign waits on is reminded and then escalated. Nothing launches until every gate is approved.
 */
import { condition, log, setHandler } from '@temporalio/workflow';
import {
  acknowledgementInputSchema, advanceGates, allApproved, applyConsultation, applyDecision, applyPreparation,
  applyTaskDone, chaseSchedule, checkAcknowledgement, checkConsultation, checkPreparation,
  checkTaskDone, closeConsultation, consultationInputSchema, preparationFacts,
  preparationInputSchema, replaceGate, taskDoneInputSchema, newGateState, newTaskStates,
  type GateState,
} from '../../domain/gates.js';
import { gateAudience } from '../../domain/notifications/audience.js';
import type { AuditEventInput } from '../../activities/records.js';
import {
  acknowledgeUpdate, completeTaskUpdate, consultUpdate, prepareUpdate, type ActionResult,
} from '../contract.js';
import { records } from './activities.js';
import type { Announcer } from './announce.js';
import { cancelled } from './cancellation.js';
import type { DecisionRoutes } from './decisions.js';
import { auditKeys } from './effects.js';
import { commit, currentWaiting } from './read-model.js';
import { planMs, raiseAlert, type CampaignState } from './state.js';
import type { SignatureDesk } from './signatures.js';
import { auditStep, type StepDesk } from './steps.js';
import type { TaskRunner } from './execution/tasks.js';
import { refuse } from './refusals.js';

export interface PreparationOptions {
  resumed: boolean;
  /** Starts tasks as their dependencies finish; hears about tasks the campaign completed itself. */
  tasks?: TaskRunner | undefined;
  signatures: SignatureDesk;
}

export interface PreparationDesk {
  /** Applies an accepted decision on a gate (the `decide` Update checks it, decisions.ts). */
  decide: DecisionRoutes['gate'];
  /**
   * Registers the preparation actions' Updates (prepare, consult, acknowledge, completeTask).
   * Called right after `decide` is registered: an Update sent with the start is handled when its
   * handler is set, so this order is part of the command order.
   */
  acceptActions(): void;
  /**
   * Reopens a gate for rework (the pilot was sent back): a send-back round by whoever decided
   * so, and the gate waits for its responsible people again.
   */
  reopen(id: string, by: string, comment: string, at: Date): void;
  /** Returns once every gate is approved. */
  untilApproved(): Promise<void>;
}

export function preparation(state: CampaignState, announce: Announcer, steps: StepDesk, opts: PreparationOptions): PreparationDesk {
  const { plan, campaignId } = state;
  const { signatures } = opts;
  const chasers = new Set<Promise<void>>();
  const facts = () => preparationFacts(plan, state);
  const gate = (id: string) => state.gates.find((g) => g.id === id) as GateState;
  const planGate = (id: string) => plan.gates.find((g) => g.id === id)!;
  // A record that fails for good is a step beside the campaign: the action it records stands.
  const audit = async (event: Omit<AuditEventInput, 'campaignId' | 'at'>, at: Date) => {
    try {
      await steps.registered;
    } catch (err) {
      await steps.afterRegistration(err);
    }
    const input: AuditEventInput = { campaignId, at: at.toISOString(), ...event };
    const record = () => records.recordAuditEvent(input);
    try {
      await record();
    } catch (err) {
      steps.beside(err, auditStep(input, record));
    }
  };

  /** Recomputes every gate's stage from the facts and reacts to what moved. */
  function refresh(at: Date): void {
    commit(state, () => {
      const { gates, changes } = advanceGates(state.gates, facts(), at);
      state.gates = gates;
      for (const change of changes) {
        const g = gate(change.gate);
        if (change.from === 'blocked') startChasing(g.id, g.round);
        if (change.to === 'consulting') {
          announce.consultation(g, g.consultations.filter((c) => c.comment === undefined).map((c) => c.person));
          startConsultWindow(g.id, g.round);
        }
        if (change.to === 'deciding') announce.decisionDue(g, gateAudience(plan, planGate(g.id), 'gate-waiting', { at }));
      }
    });
  }

  function track(work: Promise<void>): void {
    const tracked = work
      .catch((err: unknown) => log.warn('Preparation side task failed', { campaignId, error: String(err) }))
      .finally(() => chasers.delete(tracked));
    chasers.add(tracked);
  }

  /** Reminders every `remind`, escalations at `due` and 2×`due`, on durable (scaled) timers. */
  function startChasing(id: string, round: number): void {
    const g = planGate(id);
    const steps = chaseSchedule(g.remind ? planMs(state, g.remind) : undefined, g.due ? planMs(state, g.due) : undefined);
    if (steps.length === 0) return;
    const opened = Date.now();
    const over = () => gate(id).status === 'approved' || gate(id).round !== round || cancelled(state);
    track((async () => {
      for (const step of steps) {
        if (await condition(over, Math.max(1, opened + step.afterMs - Date.now()))) return;
        const waitingFor = currentWaiting(state).filter((w) => w.gate === id).map((w) => w.person);
        if (waitingFor.length === 0) continue;
        const at = new Date();
        const current = gate(id);
        if (step.kind === 'reminder') {
          state.gates = replaceGate(state.gates, { ...current, reminders: current.reminders + 1 });
          announce.reminder(current, waitingFor, step.count);
          await audit({ eventKey: auditKeys.reminder(id, round, step.count), kind: 'reminder', gate: id, detail: { to: waitingFor, round } }, at);
        } else {
          const to = g.escalateTo ?? plan.owner;
          state.gates = replaceGate(state.gates, { ...current, escalations: current.escalations + 1 });
          announce.escalation(current, to, step.count);
          raiseAlert(state, 'warning', `Gate "${id}" escalated to ${to}: still waiting on ${waitingFor.join(', ')} (round ${round}).`, at);
          await audit({ eventKey: auditKeys.escalation(id, round, step.count), kind: 'escalation', gate: id, detail: { to, waitingOn: waitingFor, round } }, at);
        }
      }
    })());
  }

  /** Consulted people have `consultWindow` to comment; then their silence is recorded. */
  function startConsultWindow(id: string, round: number): void {
    const windowMs = planMs(state, planGate(id).consultWindow);
    const answered = () => gate(id).round !== round || gate(id).stage !== 'consulting' || cancelled(state);
    track((async () => {
      if (await condition(answered, windowMs)) return;
      const at = new Date();
      const closed = closeConsultation(gate(id), at);
      state.gates = replaceGate(state.gates, closed);
      refresh(at);
      const silent = closed.consultations.filter((c) => c.silent).map((c) => c.person);
      await audit({ eventKey: auditKeys.consultSilence(id, round), kind: 'consult-silence', gate: id, detail: { silent, round } }, at);
    })());
  }

  // Open the gates before the handlers are registered: updates that arrived early are handled
  // the moment their handler is set, and must find the gates there.
  // A continued run brings its gates along (all approved): it only needs the handlers.
  if (!opts.resumed) {
    const opened = new Date();
    state.tasks = newTaskStates(plan.tasks);
    state.gates = plan.gates.map((g) => newGateState(g, opened));
    opts.tasks?.advance(opened);
    refresh(opened);
  }
  if (opts.tasks) opts.tasks.onChange = (at) => refresh(at);

  function acceptActions(): void {
    setHandler(
      prepareUpdate,
      async (raw): Promise<ActionResult> => {
        const { input, provenance } = signatures.take('prepare', preparationInputSchema, raw);
        refuse(checkPreparation(state.gates, input));
        const at = new Date();
        state.gates = replaceGate(state.gates, applyPreparation(gate(input.gate), input, at));
        refresh(at);
        const kind = input.ready !== undefined ? 'readiness' : input.tick.length || input.untick.length ? 'checklist' : 'evidence';
        await audit({ eventKey: auditKeys.update(), kind, gate: input.gate, actor: input.by, detail: { ready: input.ready, evidence: input.evidence, tick: input.tick, untick: input.untick, ...provenance } }, at);
        return { accepted: true, stage: gate(input.gate).stage };
      },
      { validator: (raw) => refuse(checkPreparation(state.gates, signatures.admit('prepare', preparationInputSchema, raw))) },
    );

    setHandler(
      consultUpdate,
      async (raw): Promise<ActionResult> => {
        const { input, provenance } = signatures.take('consult', consultationInputSchema, raw);
        refuse(checkConsultation(state.gates, input));
        const at = new Date();
        state.gates = replaceGate(state.gates, applyConsultation(gate(input.gate), input, at));
        refresh(at);
        await audit({ eventKey: auditKeys.update(), kind: 'consultation', gate: input.gate, actor: input.by, detail: { comment: input.comment, ...provenance } }, at);
        return { accepted: true, stage: gate(input.gate).stage };
      },
      { validator: (raw) => refuse(checkConsultation(state.gates, signatures.admit('consult', consultationInputSchema, raw))) },
    );

    setHandler(
      acknowledgeUpdate,
      async (raw): Promise<ActionResult> => {
        const { input, provenance } = signatures.take('acknowledge', acknowledgementInputSchema, raw);
        refuse(checkAcknowledgement(plan, state.acknowledged, input));
        const at = new Date();
        state.acknowledged = [...state.acknowledged, input.by];
        refresh(at);
        await audit({ eventKey: auditKeys.update(), kind: 'acknowledgement', actor: input.by, detail: { strategy: plan.strategy?.core, ...provenance } }, at);
        return { accepted: true };
      },
      { validator: (raw) => refuse(checkAcknowledgement(plan, state.acknowledged, signatures.admit('acknowledge', acknowledgementInputSchema, raw))) },
    );

    setHandler(
      completeTaskUpdate,
      async (raw): Promise<ActionResult> => {
        const { input, provenance } = signatures.take('completeTask', taskDoneInputSchema, raw);
        refuse(checkTaskDone(state.tasks, input, plan.owner, true));
        const at = new Date();
        state.tasks = applyTaskDone(state.tasks, input, at);
        opts.tasks?.advance(at);
        refresh(at);
        await audit({ eventKey: auditKeys.update(), kind: 'task-done', task: input.task, actor: input.by, detail: { ...provenance } }, at);
        return { accepted: true };
      },
      { validator: (raw) => refuse(checkTaskDone(state.tasks, signatures.admit('completeTask', taskDoneInputSchema, raw), plan.owner, true)) },
    );
  }

  return {
    decide(input, at, onBehalfOf) {
      const before = gate(input.gate);
      const after = applyDecision(before, input, at, onBehalfOf);
      const decided = after.rounds[after.rounds.length - 1]!;
      state.gates = replaceGate(state.gates, after);
      if (input.decision === 'send-back') startChasing(after.id, after.round);
      refresh(at);
      announce.decision(after, decided);
      log.info('Gate decided', { campaignId, gate: input.gate, decision: input.decision, by: input.by, round: before.round });
      return { gate: after, decided, round: before.round };
    },
    acceptActions,
    reopen(id: string, by: string, comment: string, at: Date): void {
      const before = gate(id);
      const after = applyDecision(before, { gate: id, decision: 'send-back', by, comment }, at);
      state.gates = replaceGate(state.gates, after);
      startChasing(after.id, after.round);
      refresh(at);
      announce.decision(after, after.rounds[after.rounds.length - 1]!);
    },
    async untilApproved(): Promise<void> {
      await condition(() => allApproved(state.gates) || cancelled(state));
      await Promise.all([...chasers]);
    },
  };
}
