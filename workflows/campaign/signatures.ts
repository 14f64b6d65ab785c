/**
 * Signed Updates (DESIGN.md §3): every Update a person sends passes here, in its validator and
 * again in its handler. The validator verifies the proof (refused before anything enters history);
 * the handler records it as used, so the same signed Update cannot be applied twice, and returns
 * the path it came by for the audit trail. Verification is pure JavaScript (domain/signing): the
 * same answer on every worker, and it never runs on replay, where validators are not called.
 */
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { z } from 'zod';
import { ErrorType } from '../../domain/errors.js';
import { openEnvelope, originOf, proofSchema, type Origin } from '../../domain/signing/envelope.js';
import { checkProof, recordProof } from '../../domain/signing/verify.js';
import { checkRotation, rotateKeys, rotationInputSchema } from '../../domain/signing/rotation.js';
import { rotateKeysUpdate, type ActionResult } from '../contract.js';
import { auditKeys } from './effects.js';
import { commit } from './read-model.js';
import { parse, refuse } from './refusals.js';
import type { CampaignState } from './state.js';
import { recordAudit, type StepDesk } from './steps.js';

/** What the audit trail keeps of how an Update came: its path, token and signing key. */
export interface Provenance {
  origin?: Origin;
  /** The key that signed it. */
  signedWith?: string;
}

export interface SignatureDesk {
  /** In a validator: the input, once its proof holds for its person. */
  admit<S extends z.ZodType<{ by: string }>>(update: string, schema: S, arg: unknown): z.output<S>;
  /** In the handler: the input, its proof recorded as used, and where it came from. */
  take<S extends z.ZodType<{ by: string }>>(update: string, schema: S, arg: unknown): { input: z.output<S>; provenance: Provenance };
}

export function signatureDesk(state: CampaignState): SignatureDesk {
  return {
    admit(update, schema, arg) {
      const input = parse(schema, openEnvelope(arg).input);
      refuse(checkProof(state.signing, { campaignId: state.campaignId, update, arg, by: input.by, now: new Date() }));
      return input;
    },
    take(update, schema, arg) {
      const { input: bare, proof: raw } = openEnvelope(arg);
      const input = parse(schema, bare);
      // Verified by the validator; a campaign that does not require proofs records none.
      const proof = state.signing.required ? proofSchema.safeParse(raw).data : undefined;
      // Two copies sent in one activation both pass their validators: only the first applies.
      if (proof && state.signing.used.some((u) => u.nonce === proof.nonce)) {
        throw ApplicationFailure.nonRetryable('This signature was used before: a signed decision is taken once.', ErrorType.SignatureRefused);
      }
      state.signing = { ...state.signing, used: recordProof(state.signing.used, proof, new Date()) };
      const origin = originOf(arg);
      return { input, provenance: { ...(origin ? { origin } : {}), ...(proof ? { signedWith: proof.keyId } : {}) } };
    },
  };
}

/** Rotating the keys is itself a signed Update, by a key that may rotate. */
export function acceptKeyRotations(state: CampaignState, desk: SignatureDesk, steps: StepDesk): void {
  setHandler(rotateKeysUpdate, async (arg): Promise<ActionResult> => {
    const { input, provenance } = desk.take('rotateKeys', rotationInputSchema, arg);
    refuse(checkRotation(state.signing, input, provenance.signedWith));
    const at = new Date();
    const before = state.signing.keys.map((k) => k.keyId);
    commit(state, () => {
      state.signing = rotateKeys(state.signing, input);
    });
    await recordAudit(steps, {
      campaignId: state.campaignId, at: at.toISOString(), eventKey: auditKeys.update(`keys:${before.join(',')}`),
      kind: 'keys-rotated', actor: input.by,
      detail: { before, after: state.signing.keys.map((k) => k.keyId), required: state.signing.required, ...provenance },
    });
    return { accepted: true };
  }, {
    validator: (arg) => {
      const input = desk.admit('rotateKeys', rotationInputSchema, arg);
      const { proof } = openEnvelope(arg) as { proof?: { keyId?: string } };
      refuse(checkRotation(state.signing, input, proof?.keyId));
    },
  });
}
