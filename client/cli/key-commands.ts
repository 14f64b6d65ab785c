/**
 * `campaign keys new|rotate`: the keys people's Updates are signed with (docs/security.md). An
 * operator makes a key for the API (any person) or for one person's CLI, puts its public half in
 * the keyring campaigns are started with, and rotates a running campaign's keys with a key that
 * may rotate.
 */
import { Command, InvalidArgumentError } from 'commander';
import { readFile } from 'node:fs/promises';
import { ErrorType } from '../../domain/errors.js';
import { KEY_ID, verifyingKeySchema, type VerifyingKey } from '../../domain/signing/keys.js';
import { DEV_KEYS_DIR } from '../../platform/paths.js';
import { CampaignError, rotateKeys } from '../campaigns.js';
import { addToKeyring, writeSigningKey } from '../keys.js';
import { newSigningKey, signingSetup, verifyingKeyOf } from '../signing.js';
import { collect, output, withTemporal } from './context.js';

function keyId(value: string): string {
  if (!KEY_ID.test(value)) throw new InvalidArgumentError('use lowercase letters, digits, ".", "_" or "-", e.g. api-2027');
  return value;
}

function persons(value: string): '*' | string[] {
  if (value.trim() === '*') return '*';
  const list = value.split(',').map((p) => p.trim()).filter(Boolean);
  if (list.length === 0) throw new InvalidArgumentError('name the people it signs for, e.g. li.na,wang.wei — or "*" for a service such as the API');
  return list;
}

function newCommand(): Command {
  return new Command('new')
    .description('make a signing key: for the API (--persons "*") or for one person\'s CLI; prints its keyring entry')
    .requiredOption('--id <key-id>', 'the key\'s id, e.g. api-2027 or li.na-laptop', keyId)
    .requiredOption('--persons <list>', 'whom it signs for: "*" (a service that authenticates people itself) or person ids, comma-separated', persons)
    .requiredOption('--out <file>', 'where to write the private key file (0600; never overwritten): hand it over privately')
    .option('--rotate', 'it may rotate a running campaign\'s keys (an operator\'s key)')
    .option('--label <text>', 'who holds it, e.g. "the HTTP API, production"')
    .option('--keyring <file>', 'add its public half to this keyring (created when missing): CAMPAIGN_TRUSTED_KEYS')
    .exitOverride()
    .action(async (opts: { id: string; persons: '*' | string[]; out: string; rotate?: boolean; label?: string; keyring?: string }, cmd: Command) => {
      const key = newSigningKey({ keyId: opts.id, persons: opts.persons, ...(opts.rotate ? { rotate: true } : {}), ...(opts.label ? { label: opts.label } : {}) });
      await writeSigningKey(opts.out, key);
      const entry = verifyingKeyOf(key);
      if (opts.keyring) await addToKeyring(opts.keyring, entry);
      output(cmd, { key: entry, file: opts.out, keyring: opts.keyring ?? null }, () => [
        `Key ${entry.keyId} written to ${opts.out} (signs for ${entry.persons === '*' ? 'any person' : entry.persons.join(', ')}${entry.rotate ? '; may rotate keys' : ''}).`,
        opts.keyring ? `Its public half is in the keyring ${opts.keyring}.` : `Its keyring entry:\n${JSON.stringify(entry, null, 2)}`,
        'The process that signs with it sets CAMPAIGN_SIGNING_KEY to the file; campaigns started with CAMPAIGN_TRUSTED_KEYS naming the keyring trust it.',
        'A running campaign learns of a new key by: campaign keys rotate <id> --add <key or keyring file>',
      ].join('\n'));
    });
}

/** The public keys in a file: a keyring, a key file (its public half) or one keyring entry. */
async function publicKeysIn(file: string): Promise<VerifyingKey[]> {
  const json = JSON.parse(await readFile(file, 'utf8').catch(() => {
    throw new CampaignError(`Cannot read ${file}.`, 2, ErrorType.InvalidInput);
  })) as unknown;
  const entries = (typeof json === 'object' && json !== null && 'keys' in json ? (json as { keys: unknown }).keys : [json]) as unknown[];
  return entries.map((entry) => {
    const { privateKey: _private, ...rest } = entry as Record<string, unknown>;
    const parsed = verifyingKeySchema.safeParse(rest);
    if (!parsed.success) throw new CampaignError(`${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`, 2, ErrorType.InvalidInput);
    return parsed.data;
  });
}

function rotateCommand(): Command {
  return new Command('rotate')
    .description('change the keys a running campaign trusts; signed with your key (CAMPAIGN_SIGNING_KEY), which must be allowed to rotate')
    .argument('<id>', 'campaign id')
    .requiredOption('--as <person>', 'the operator rotating, for the audit trail')
    .option('--add <file>', 'trust the keys in this keyring or key file (repeatable)', collect, [])
    .option('--revoke <key-id>', 'stop trusting this key (repeatable)', collect, [])
    .exitOverride()
    .action(async (id: string, opts: { as: string; add: string[]; revoke: string[] }, cmd: Command) => {
      const add = (await Promise.all(opts.add.map(publicKeysIn))).flat();
      const result = await withTemporal(async (client, cfg) => {
        const { signer } = await signingSetup(cfg, 'operator', DEV_KEYS_DIR);
        return rotateKeys(client, id, { add, revoke: opts.revoke, by: opts.as }, { signer, origin: { path: 'cli' } });
      });
      output(cmd, result, () => `Keys of ${id} changed: ${[...add.map((k) => `+${k.keyId}`), ...opts.revoke.map((k) => `-${k}`)].join(' ')}. \`campaign status ${id}\` lists them.`);
    });
}

export function keysCommand(): Command {
  return new Command('keys')
    .description('signing keys for people\'s decisions: make one, or rotate a running campaign\'s')
    .addCommand(newCommand())
    .addCommand(rotateCommand());
}
