/**
 * What people do during execution: decide the pilot's go/no-go (P2.2) and start, answer and end a
 * crisis (P2.10). The schemas validate every input path (CLI, API, Update validators).
 */
import { z } from 'zod';
import { isDuration } from '../duration.js';

const person = z.string().min(1, 'say who acts (a team member id)');

export const PILOT_DECISIONS = ['go', 'extend', 'send-back', 'cancel'] as const;
export type PilotDecision = (typeof PILOT_DECISIONS)[number];

export const pilotDecisionInputSchema = z.strictObject({
  decision: z.enum(PILOT_DECISIONS, { message: 'decision is "go", "extend", "send-back" or "cancel"' }),
  by: person,
  comment: z.string().max(4_000, 'keep the comment under 4,000 characters').optional(),
  /** How much longer the pilot runs, for `extend` (a plan duration like `3d`). */
  extendBy: z.string().refine(isDuration, 'give a duration like "3d" or "12h"').optional(),
}).refine((input) => input.decision !== 'extend' || input.extendBy !== undefined, {
  message: 'say how long to extend the pilot, e.g. extendBy "3d"', path: ['extendBy'],
}).refine((input) => input.decision === 'go' || Boolean(input.comment?.trim()), {
  message: 'say why in a comment: the team reads it', path: ['comment'],
});
export type PilotDecisionInput = z.infer<typeof pilotDecisionInputSchema>;

export const CRISIS_ACTIONS = ['start', 'statement', 'approve', 'end'] as const;
export type CrisisAction = (typeof CRISIS_ACTIONS)[number];

/**
 * `start`: ops stop everything by hand; `statement`: anyone on the team proposes the response
 * statement; `approve`: the crisis' accountable person approves it and the campaign resumes;
 * `end`: ops end a crisis by hand (a false alarm) and the campaign resumes.
 */
export const crisisActionInputSchema = z.strictObject({
  action: z.enum(CRISIS_ACTIONS, { message: 'action is "start", "statement", "approve" or "end"' }),
  by: person,
  reason: z.string().max(4_000).optional(),
  statement: z.string().max(10_000).optional(),
}).refine((input) => input.action !== 'statement' || Boolean(input.statement?.trim()), {
  message: 'write the response statement', path: ['statement'],
}).refine((input) => !['start', 'end'].includes(input.action) || Boolean(input.reason?.trim()), {
  message: 'say why in a reason: it goes into the audit trail', path: ['reason'],
});
export type CrisisActionInput = z.infer<typeof crisisActionInputSchema>;
