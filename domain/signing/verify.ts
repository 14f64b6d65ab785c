/**
 * The check every person's Update passes in its validator when the campaign requires signatures:
 * a proof is there, by a trusted key that may sign for this person, over exactly this Update of
 * this campaign, recent, and not seen before. Pure (the signature maths is @noble/curves, plain
 * JavaScript that runs the same in the workflow sandbox): time comes in as an argument.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/curves/utils.js';
import { ErrorType } from '../errors.js';
import type { ActionCheck } from '../preparation/actions.js';
import { openEnvelope, proofSchema, type UpdateProof } from './envelope.js';
import { maySignFor, type SigningState, type UsedProof } from './keys.js';
import { signedMessage } from './message.js';

/** How long a proof is good for: long enough for a repair to send a decision again after a reset. */
export const PROOF_LIFETIME_MS = 7 * 86_400_000;
/** How far a signer's clock may run ahead of the workflow's. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface ProofCheckInput {
  campaignId: string;
  update: string;
  /** The Update's whole argument, as it arrived. */
  arg: unknown;
  /** The person the input says acts. */
  by: string;
  now: Date;
}

const refused = (message: string) => ({ ok: false as const, type: ErrorType.SignatureRefused, message });

/** Ok with the verified proof, to record as used (none when the campaign does not require one). */
export function checkProof(state: SigningState, input: ProofCheckInput): ActionCheck<{ proof?: UpdateProof }> {
  // A campaign started without keys takes the caller's word, as it always did (its status says so).
  if (!state.required) return { ok: true };
  const { proof: raw } = openEnvelope(input.arg);
  if (raw === undefined) {
    return refused('This campaign takes only signed decisions, and this one carries no signature. Send it through the API, or with the CLI and a signing key an operator gave you (CAMPAIGN_SIGNING_KEY).');
  }
  const parsed = proofSchema.safeParse(raw);
  if (!parsed.success) return refused(`The signature is malformed (${parsed.error.issues[0]?.path.join('.') || 'proof'}: ${parsed.error.issues[0]?.message}).`);
  const proof = parsed.data;
  const key = state.keys.find((k) => k.keyId === proof.keyId);
  if (!key) return refused(`The decision is signed with key "${proof.keyId}", which this campaign does not trust (it trusts ${state.keys.map((k) => k.keyId).join(', ') || 'no key'}).`);
  if (!maySignFor(key, input.by)) {
    return refused(`Key "${key.keyId}" may sign only for ${(key.persons as string[]).join(', ')}, not for ${input.by}.`);
  }
  const issued = Date.parse(proof.issuedAt);
  if (issued > input.now.getTime() + CLOCK_SKEW_MS) return refused(`The signature is dated ${proof.issuedAt}, ahead of the campaign's clock: check the signer's clock.`);
  if (issued + PROOF_LIFETIME_MS < input.now.getTime()) return refused(`The signature is dated ${proof.issuedAt} and has expired; sign the decision again.`);
  if (state.used.some((u) => u.nonce === proof.nonce)) return refused('This signature was used before: a signed decision is taken once. Sign it again to repeat it.');
  const message = signedMessage({ campaignId: input.campaignId, update: input.update, arg: input.arg });
  if (!verifies(proof.signature, message, key.publicKey)) return refused(`The signature does not match this decision for this campaign (key "${key.keyId}"): it was made for something else, or altered.`);
  return { ok: true, proof };
}

/** The used proofs after this one, less those past their lifetime (they would be refused as expired). */
export function recordProof(used: readonly UsedProof[], proof: UpdateProof | undefined, now: Date): UsedProof[] {
  const live = used.filter((u) => Date.parse(u.until) >= now.getTime());
  if (!proof) return live;
  return [...live, { nonce: proof.nonce, until: new Date(Date.parse(proof.issuedAt) + PROOF_LIFETIME_MS).toISOString() }];
}

/** Strict RFC 8032 verification: no second signature for the same message. A malformed point is a bad signature. */
function verifies(signature: string, message: Uint8Array, publicKey: string): boolean {
  try {
    return ed25519.verify(hexToBytes(signature), message, hexToBytes(publicKey), { zip215: false });
  } catch {
    return false;
  }
}
