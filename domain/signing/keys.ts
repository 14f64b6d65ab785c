/**
 * The keys a campaign trusts to sign its Updates, and what each may sign for. They reach the
 * workflow in its start input and change only by a signed rotation, so every replay sees the same
 * keys. Pure.
 */
import { z } from 'zod';

export const KEY_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const verifyingKeySchema = z.strictObject({
  keyId: z.string().regex(KEY_ID, 'a key id is lowercase letters, digits, ".", "_" or "-", e.g. "api-2027"'),
  /** The Ed25519 public key, 32 bytes as lowercase hex. */
  publicKey: z.string().regex(/^[0-9a-f]{64}$/, 'write the Ed25519 public key as 64 lowercase hex digits'),
  /**
   * Whom it may sign for: `*` for a service that authenticates people itself (the API signs for
   * the person of each token), or the team members whose own key it is.
   */
  persons: z.union([z.literal('*'), z.array(z.string().min(1)).min(1, 'name at least one person, or "*"')]),
  /** May sign a rotation of the campaign's keys (an operator's key). */
  rotate: z.boolean().optional(),
  /** Who holds it, for people reading the status. */
  label: z.string().max(200).optional(),
});
export type VerifyingKey = z.infer<typeof verifyingKeySchema>;

/** The keys file an operator hands to `campaign start` (CAMPAIGN_TRUSTED_KEYS). */
export const keyringSchema = z.strictObject({
  keys: z.array(verifyingKeySchema).min(1, 'list at least one key'),
}).refine((ring) => new Set(ring.keys.map((k) => k.keyId)).size === ring.keys.length, {
  message: 'each key id appears once', path: ['keys'],
});
export type Keyring = z.infer<typeof keyringSchema>;

/** A proof already used, kept until it would have expired anyway. */
export interface UsedProof {
  nonce: string;
  until: string;
}

/** What the workflow knows about signatures: carried into each continued run. */
export interface SigningState {
  /** Whether every person's Update must carry a proof by one of the keys. */
  required: boolean;
  keys: VerifyingKey[];
  used: UsedProof[];
}

/** What the status shows of it: which keys, never the nonces. */
export interface SigningSummary {
  required: boolean;
  keys: Array<Pick<VerifyingKey, 'keyId' | 'persons' | 'rotate' | 'label'>>;
}

export function signingState(keys: readonly VerifyingKey[] | undefined): SigningState {
  return { required: Boolean(keys && keys.length > 0), keys: [...(keys ?? [])], used: [] };
}

export function signingSummary(state: SigningState): SigningSummary {
  return {
    required: state.required,
    keys: state.keys.map(({ keyId, persons, rotate, label }) => ({ keyId, persons, ...(rotate ? { rotate } : {}), ...(label ? { label } : {}) })),
  };
}

export function maySignFor(key: VerifyingKey, person: string): boolean {
  return key.persons === '*' || key.persons.includes(person);
}
