/**
 * The `decide` Update: one validator and one handler for every decision taken with it — a
 * preparation gate, a budget proposal that needed approval (gate `budget-day-<day>`) and the
 * closing sign-off (gate `closing`). The validator refuses before anything enters history; the
 * handler checks again, since another decision may have landed in between.
 */
import { setHandler } from '@temporalio/workflow';
import { ErrorType } from '../../domain/errors.js';
import { checkBudgetDecision, decideBudget, isBudgetApprovalId } from '../../domain/allocation/approval.js';
import { checkSignOff } from '../../domain/closing/sign-off.js';
import { checkContentReview } from '../../domain/execution/checks.js';
import {
  checkDecision, decisionInputSchema, preparationFacts,
  type DecisionInput, type DecisionRecord, type DecisionResult, type GateRound, type GateState,
} from '../../domain/gates.js';
import { CLOSING_GATE, decideUpdate } from '../contract.js';
import { records } from './activities.js';
import { commit, retrospectiveView } from './read-model.js';
import { refuse } from './refusals.js';
import type { Provenance, SignatureDesk } from './signatures.js';
import type { CampaignState } from './state.js';
import { decisionStep, type StepDesk } from './steps.js';

/** Where an accepted decision is applied. */
export interface DecisionRoutes {
  /** A preparation gate's round closes (preparation.ts): the gate after it and the round decided. */
  gate(input: DecisionInput, at: Date, onBehalfOf: string | undefined): { gate: GateState; decided: GateRound; round: number };
  /** The closing sign-off is recorded and the campaign may close (closing.ts). */
  signOff(input: DecisionInput, at: Date, provenance: Provenance & { onBehalfOf?: string }): Promise<DecisionResult>;
}

type DecisionCheck = ReturnType<typeof checkDecision>;

export function decisions(state: CampaignState, steps: StepDesk, signatures: SignatureDesk, routes: DecisionRoutes): void {
  const { plan, campaignId } = state;

  function check(input: DecisionInput, at: Date): DecisionCheck {
    if (input.gate === CLOSING_GATE) return checkSignOff(plan, retrospectiveView(state), input, at);
    if (isBudgetApprovalId(input.gate)) return checkBudgetDecision(plan, state.budgetApproval, input, at);
    const decision = checkDecision(plan, state.gates, preparationFacts(plan, state), input, at);
    const current = state.gates.find((g) => g.id === input.gate)?.round;
    if (decision.ok && input.round !== undefined && current !== undefined && input.round !== current) {
      return {
        ok: false, type: ErrorType.GateClosed,
        message: `This decision was for round ${input.round} of gate "${input.gate}"; the gate is in round ${current} now. Look at it again and decide anew.`,
      };
    }
    // Content the platforms would refuse keeps the gate that reviews the content from being approved
    // (P2.5). Histories committed before `gates[].reviews` existed replay unchanged: their plans cannot
    // hold the field, so the reviewing gate is still `assets` (or none), and only the wording of a
    // refusal changed — the validator's refusals never enter history, and a handler's refusal is the
    // same failed Update with another message, issuing no other command.
    if (decision.ok) {
      const content = checkContentReview(plan, input);
      if (!content.ok) return content;
    }
    return decision;
  }

  /** A budget proposal's decision: approved moves are applied by the review waiting for it. */
  function decideBudgetProposal(input: DecisionInput, at: Date, onBehalfOf: string | undefined): DecisionResult {
    const decided = decideBudget(state.budgetApproval!, input, at, onBehalfOf);
    commit(state, () => {
      state.budgetApproval = decided;
    });
    return { gate: decided.id, decision: input.decision, status: decided.status === 'approved' ? 'approved' : 'waiting', round: 1 };
  }

  // The awaits below are part of the workflow's determinism (docs/architecture.md): each route
  // issues its commands in the same order and after as many steps as it always did.
  setHandler(
    decideUpdate,
    async (raw): Promise<DecisionResult> => {
      const { input, provenance } = signatures.take('decide', decisionInputSchema, raw);
      const at = new Date();
      const checked = check(input, at);
      refuse(checked);
      const onBehalfOf = checked.ok ? checked.onBehalfOf : undefined;
      if (input.gate === CLOSING_GATE) return routes.signOff(input, at, { ...provenance, ...(onBehalfOf ? { onBehalfOf } : {}) });
      if (isBudgetApprovalId(input.gate)) {
        const result = decideBudgetProposal(input, at, onBehalfOf);
        try {
          await steps.registered;
        } catch (err) {
          await steps.afterRegistration(err);
        }
        const decision: DecisionRecord = {
          round: 1, decision: input.decision, by: input.by, at: at.toISOString(), ...(input.comment ? { comment: input.comment } : {}),
          ...(onBehalfOf ? { onBehalfOf } : {}), ...provenance,
        };
        const write = () => records.recordDecision({ campaignId, gate: input.gate, decision });
        try {
          await write();
        } catch (err) {
          steps.beside(err, decisionStep(input.gate, 1, input.by, write));
        }
        return result;
      }
      const { gate, decided, round } = routes.gate(input, at, onBehalfOf);
      try {
        await steps.registered;
      } catch (err) {
        await steps.afterRegistration(err);
      }
      const write = () => records.recordDecision({ campaignId, gate: input.gate, decision: { ...decided, ...provenance } });
      try {
        await write();
      } catch (err) {
        // The decision stands; its record is retried or skipped beside the campaign.
        steps.beside(err, decisionStep(input.gate, round, input.by, write));
      }
      return { gate: gate.id, decision: input.decision, status: gate.status, round };
    },
    { validator: (raw) => refuse(check(signatures.admit('decide', decisionInputSchema, raw), new Date())) },
  );
}
