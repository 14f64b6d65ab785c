/**
 * Changing the keys a campaign trusts while it runs: a key leaked, a person left, the API's key
 * is renewed. A rotation is itself a signed Update, by a key that may rotate; the campaign keeps
 * at least one such key, so it cannot be locked out of its own rotations. Pure.
 */
import { z } from 'zod';
import { ErrorType } from '../errors.js';
import type { ActionCheck } from '../preparation/actions.js';
import { verifyingKeySchema, type SigningState } from './keys.js';

export const rotationInputSchema = z.strictObject({
  /** Keys to trust from now on (a key with an id already trusted replaces it). */
  add: z.array(verifyingKeySchema).max(50).default([]),
  /** Key ids to stop trusting. */
  revoke: z.array(z.string().min(1)).max(50).default([]),
  /** The operator rotating, for the audit trail. */
  by: z.string().min(1, 'say who rotates the keys (a person id)'),
}).refine((r) => r.add.length + r.revoke.length > 0, { message: 'add or revoke at least one key', path: ['add'] });
export type RotationInput = z.infer<typeof rotationInputSchema>;

const refused = (message: string) => ({ ok: false as const, type: ErrorType.SignatureRefused, message });

/** `signedWith`: the key whose proof the rotation carries (already verified). */
export function checkRotation(state: SigningState, input: RotationInput, signedWith: string | undefined): ActionCheck {
  if (state.required) {
    const key = state.keys.find((k) => k.keyId === signedWith);
    if (!key?.rotate) {
      const rotators = state.keys.filter((k) => k.rotate).map((k) => k.keyId);
      return refused(`Only a key that may rotate can change this campaign's keys (${rotators.join(', ') || 'none'}); "${signedWith ?? 'no key'}" may not.`);
    }
  }
  const unknown = input.revoke.filter((id) => !state.keys.some((k) => k.keyId === id));
  if (unknown.length) return { ok: false, type: ErrorType.InvalidInput, message: `This campaign trusts no key ${unknown.map((id) => `"${id}"`).join(', ')}.` };
  const after = rotateKeys(state, input);
  if (!after.keys.some((k) => k.rotate)) {
    return { ok: false, type: ErrorType.InvalidInput, message: 'After this rotation no key could rotate again: keep or add a key with `rotate: true`.' };
  }
  return { ok: true };
}

export function rotateKeys(state: SigningState, input: RotationInput): SigningState {
  const replaced = new Set([...input.revoke, ...input.add.map((k) => k.keyId)]);
  const keys = [...state.keys.filter((k) => !replaced.has(k.keyId)), ...input.add];
  return { ...state, keys, required: keys.length > 0 };
}
