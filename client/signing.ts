/**
 * Signing a person's Updates on the client (docs/security.md): the API signs with its service key
 * for the person of each token; the CLI signs with a key an operator gave to its user. A key file
 * holds the Ed25519 key pair with the id and scope the campaign's keyring gives it; the keyring
 * (public keys only) is what `campaign start` hands to a new campaign.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ErrorType } from '../domain/errors.js';
import type { Origin, UpdateProof } from '../domain/signing/envelope.js';
import { keyringSchema, verifyingKeySchema, type Keyring, type VerifyingKey } from '../domain/signing/keys.js';
import { signedMessage } from '../domain/signing/message.js';
import { CampaignError } from './campaign-error.js';

/** A key file: the public part as the keyring lists it, and the private seed. Keep it 0600. */
export const signingKeyFileSchema = verifyingKeySchema.extend({
  privateKey: z.string().regex(/^[0-9a-f]{64}$/, 'write the Ed25519 private key (its 32-byte seed) as 64 lowercase hex digits'),
});
export type SigningKeyFile = z.infer<typeof signingKeyFileSchema>;

export interface Signer {
  keyId: string;
  /** The proof for this Update of this campaign: its whole argument is signed. */
  prove(campaignId: string, update: string, arg: Record<string, unknown>): UpdateProof;
}

/** How an Update is sent: signed with this key, recorded as having come this way. */
export interface SendOptions {
  signer?: Signer | undefined;
  origin?: Origin | undefined;
}

export function newSigningKey(scope: Pick<VerifyingKey, 'keyId' | 'persons' | 'rotate' | 'label'>): SigningKeyFile {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'jwk' });
  const priv = privateKey.export({ format: 'jwk' });
  return {
    ...scope,
    publicKey: Buffer.from(pub.x!, 'base64url').toString('hex'),
    privateKey: Buffer.from(priv.d!, 'base64url').toString('hex'),
  };
}

/** The keyring entry of a key: what campaigns are given, never the private part. */
export function verifyingKeyOf({ privateKey: _private, ...key }: SigningKeyFile): VerifyingKey {
  return key;
}

/** PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410), so Node can load the seed alone. */
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';

export function signerFrom(file: SigningKeyFile): Signer {
  const key: KeyObject = createPrivateKey({ key: Buffer.from(PKCS8_ED25519_PREFIX + file.privateKey, 'hex'), format: 'der', type: 'pkcs8' });
  const derived = Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  if (derived !== file.publicKey) {
    throw new CampaignError(`The signing key "${file.keyId}" is damaged: its public key does not belong to its private key.`, 2, ErrorType.InvalidInput,
      'Ask the operator for the key file again.');
  }
  return {
    keyId: file.keyId,
    prove(campaignId, update, arg) {
      const unsigned = { keyId: file.keyId, issuedAt: new Date().toISOString(), nonce: randomBytes(16).toString('hex') };
      const message = signedMessage({ campaignId, update, arg: { ...arg, proof: unsigned } });
      return { ...unsigned, signature: sign(null, message, key).toString('hex') };
    },
  };
}

/** The argument of a person's Update: the input, where it came from, and its proof when there is a signer. */
export function sealUpdate(campaignId: string, update: string, input: object, send: SendOptions = {}): Record<string, unknown> {
  const arg: Record<string, unknown> = { ...input, ...(send.origin ? { origin: send.origin } : {}) };
  return send.signer ? { ...arg, proof: send.signer.prove(campaignId, update, arg) } : arg;
}

export async function readSigningKey(file: string): Promise<SigningKeyFile> {
  const parsed = signingKeyFileSchema.safeParse(await readJson(file, 'signing key'));
  if (parsed.success) return parsed.data;
  throw badFile(file, 'signing key', parsed.error);
}

export async function readKeyring(file: string): Promise<Keyring> {
  const parsed = keyringSchema.safeParse(await readJson(file, 'keyring'));
  if (parsed.success) return parsed.data;
  throw badFile(file, 'keyring', parsed.error);
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CampaignError(`Cannot read the ${what} file ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, 2, ErrorType.InvalidInput,
      what === 'keyring' ? 'Set CAMPAIGN_TRUSTED_KEYS to the keyring an operator made with `campaign keys new`.' : 'Set CAMPAIGN_SIGNING_KEY to the key file an operator gave you.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CampaignError(`The ${what} file ${file} is not JSON.`, 2, ErrorType.InvalidInput);
  }
}

function badFile(file: string, what: string, error: z.ZodError): CampaignError {
  const issue = error.issues[0];
  return new CampaignError(`The ${what} file ${file} is not valid: ${issue?.path.join('.') || what}: ${issue?.message}.`, 2, ErrorType.InvalidInput);
}

/** The files `campaign dev` makes in its keys folder. */
export const DEV_KEY_FILES = { operator: 'operator.key.json', api: 'api.key.json', keyring: 'keyring.json' } as const;

export interface SigningSetup {
  signer: Signer | undefined;
  trustedKeys: VerifyingKey[] | undefined;
}

/**
 * This process's signer and the keyring new campaigns get: the configured files, else those
 * `campaign dev` made (`role` picks its operator key for the CLI, its service key for the API),
 * else none — and campaigns started without a keyring take the caller's word.
 */
export async function signingSetup(
  files: { signingKeyFile: string | undefined; trustedKeysFile: string | undefined },
  role: 'operator' | 'api', devKeysDir: string,
): Promise<SigningSetup> {
  const devFile = async (name: string) => {
    const file = path.join(devKeysDir, name);
    return (await access(file).then(() => true, () => false)) ? file : undefined;
  };
  const keyFile = files.signingKeyFile ?? (await devFile(DEV_KEY_FILES[role]));
  const keyringFile = files.trustedKeysFile ?? (await devFile(DEV_KEY_FILES.keyring));
  return {
    signer: keyFile ? signerFrom(await readSigningKey(keyFile)) : undefined,
    trustedKeys: keyringFile ? (await readKeyring(keyringFile)).keys : undefined,
  };
}
