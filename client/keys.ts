/**
 * Key files on disk: `campaign keys new` makes a key for a person or a service and adds its public
 * half to a keyring; `campaign dev` makes its own set once. Private key files are written 0600 and
 * never overwritten.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VerifyingKey } from '../domain/signing/keys.js';
import { ErrorType } from '../domain/errors.js';
import { CampaignError } from './campaign-error.js';
import { DEV_KEY_FILES, newSigningKey, readKeyring, verifyingKeyOf, type SigningKeyFile } from './signing.js';

/** Writes a new private key file; refuses to replace one (a lost key is revoked, not overwritten). */
export async function writeSigningKey(file: string, key: SigningKeyFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CampaignError(`${file} exists already; a key file is never overwritten.`, 2, ErrorType.InvalidInput, 'Choose another --out file.');
    }
    throw err;
  }
}

/** Adds (or replaces, by key id) a key in a keyring file, creating the file when there is none. */
export async function addToKeyring(file: string, key: VerifyingKey): Promise<VerifyingKey[]> {
  const exists = await readFile(file, 'utf8').then(() => true, () => false);
  const keys = exists ? (await readKeyring(file)).keys.filter((k) => k.keyId !== key.keyId) : [];
  const next = [...keys, key];
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ keys: next }, null, 2)}\n`);
  return next;
}

/** The keys `campaign dev` signs with, made the first time: an operator's (may rotate) and the API's. */
export interface DevKeys {
  keyring: string;
  operator: string;
  api: string;
}

export async function ensureDevKeys(dir: string): Promise<DevKeys> {
  const files = {
    keyring: path.join(dir, DEV_KEY_FILES.keyring),
    operator: path.join(dir, DEV_KEY_FILES.operator),
    api: path.join(dir, DEV_KEY_FILES.api),
  };
  const have = await Promise.all([files.keyring, files.operator, files.api].map((f) => readFile(f).then(() => true, () => false)));
  if (have.every(Boolean)) return files;
  const operator = newSigningKey({ keyId: 'dev-operator', persons: '*', rotate: true, label: 'campaign dev: the CLI on this machine' });
  const api = newSigningKey({ keyId: 'dev-api', persons: '*', label: 'campaign dev: the HTTP API' });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(files.operator, `${JSON.stringify(operator, null, 2)}\n`, { mode: 0o600 });
  await writeFile(files.api, `${JSON.stringify(api, null, 2)}\n`, { mode: 0o600 });
  await writeFile(files.keyring, `${JSON.stringify({ keys: [verifyingKeyOf(operator), verifyingKeyOf(api)] }, null, 2)}\n`);
  return files;
}
