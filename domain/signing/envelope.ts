/**
 * What travels with a person's Update besides its input: the proof that the person sent it (a
 * signature, when the campaign requires one) and the path it came by (for the audit trail). Both
 * ride in the Update's one argument, beside the input's own fields, and are taken off before the
 * input is read. Pure.
 */
import { z } from 'zod';

export const ORIGIN_PATHS = ['api', 'cli', 'rehearsal'] as const;

/** The path an action came by: the HTTP API (with its token), the CLI, a rehearsal's simulated team. */
export const originSchema = z.strictObject({
  path: z.enum(ORIGIN_PATHS),
  tokenId: z.string().min(1).max(100).optional(),
});
export type Origin = z.infer<typeof originSchema>;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `write ${bytes} bytes as lowercase hex`);

/** An Ed25519 signature by a trusted key over the Update (signing/message.ts says over what). */
export const proofSchema = z.strictObject({
  keyId: z.string().min(1).max(100),
  /** When it was signed (ISO 8601); a proof is good for PROOF_LIFETIME_MS after. */
  issuedAt: z.iso.datetime({ offset: true }),
  /** Random, once per proof: a proof seen before is a replay. */
  nonce: hex(16),
  signature: hex(64),
});
export type UpdateProof = z.infer<typeof proofSchema>;

export interface Envelope {
  /** The Update's input, as its schema reads it. */
  input: unknown;
  proof: unknown;
  origin: unknown;
}

/** Takes `proof` and `origin` off an Update's argument; anything else is the input. */
export function openEnvelope(arg: unknown): Envelope {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return { input: arg, proof: undefined, origin: undefined };
  const { proof, origin, ...input } = arg as Record<string, unknown>;
  return { input, proof, origin };
}

/** The origin an Update came with, when it names one well; a malformed one is left out of records. */
export function originOf(arg: unknown): Origin | undefined {
  const parsed = originSchema.safeParse(openEnvelope(arg).origin);
  return parsed.success ? parsed.data : undefined;
}
