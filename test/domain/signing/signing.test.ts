import { describe, expect, it } from 'vitest';
import { ErrorType } from '../../../domain/errors.js';
import { signingState, signingSummary, type SigningState } from '../../../domain/signing/keys.js';
import { canonicalJson, signedMessage } from '../../../domain/signing/message.js';
import { checkRotation, rotateKeys, rotationInputSchema } from '../../../domain/signing/rotation.js';
import { checkProof, PROOF_LIFETIME_MS, recordProof } from '../../../domain/signing/verify.js';
import { newSigningKey, sealUpdate, signerFrom, verifyingKeyOf } from '../../../client/signing.js';

const api = newSigningKey({ keyId: 'api', persons: '*' });
const olivia = newSigningKey({ keyId: 'olivia-laptop', persons: ['olivia'] });
const operator = newSigningKey({ keyId: 'ops', persons: '*', rotate: true });
const stranger = newSigningKey({ keyId: 'api', persons: '*' }); // same id, another key pair
const keys = [api, olivia, operator].map(verifyingKeyOf);
const now = new Date();

function state(over: Partial<SigningState> = {}): SigningState {
  return { ...signingState(keys), ...over };
}

const decision = { gate: 'goals', decision: 'approve', by: 'olivia', round: 1 };

function check(arg: unknown, by = 'olivia', campaignId = 'tea-2027', update = 'decide', s = state()) {
  return checkProof(s, { campaignId, update, arg, by, now });
}

describe('canonical messages', () => {
  it('are the same whatever the key order, and leave undefined members out as JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined], c: 'x' }, e: undefined })).toBe('{"a":{"c":"x","d":[1,null]},"b":1}');
    expect(signedMessage({ campaignId: 'c', update: 'decide', arg: { by: 'x', gate: 'g' } }))
      .toEqual(signedMessage({ campaignId: 'c', update: 'decide', arg: { gate: 'g', by: 'x' } }));
  });

  it('encode Chinese text as UTF-8, as the signer does', () => {
    const bytes = signedMessage({ campaignId: 'c', update: 'consult', arg: { comment: '没有异议 🍵' } });
    expect(Buffer.from(bytes).toString('utf8')).toContain('没有异议 🍵');
  });
});

describe('checking a proof', () => {
  it('accepts an Update signed by a key that may sign for its person', () => {
    expect(check(sealUpdate('tea-2027', 'decide', decision, { signer: signerFrom(olivia) }))).toMatchObject({ ok: true, proof: { keyId: 'olivia-laptop' } });
    expect(check(sealUpdate('tea-2027', 'decide', decision, { signer: signerFrom(api), origin: { path: 'api', tokenId: 't1' } }))).toMatchObject({ ok: true });
  });

  it('gives the same answer every time (the workflow relies on it)', () => {
    const arg = sealUpdate('tea-2027', 'decide', decision, { signer: signerFrom(api) });
    expect([check(arg), check(arg), check(arg)].map((c) => c.ok)).toEqual([true, true, true]);
  });

  const refusals: Array<[string, () => unknown, string, RegExp]> = [
    ['missing', () => decision, 'olivia', /carries no signature/],
    ['by a key of another person', () => sealUpdate('tea-2027', 'decide', { ...decision, by: 'chloe' }, { signer: signerFrom(olivia) }), 'chloe', /may sign only for olivia, not for chloe/],
    ['by an untrusted key under a trusted id', () => sealUpdate('tea-2027', 'decide', decision, { signer: signerFrom(stranger) }), 'olivia', /does not match/],
    ['made for another campaign', () => sealUpdate('other-2027', 'decide', decision, { signer: signerFrom(api) }), 'olivia', /does not match/],
    ['moved to another gate', () => ({ ...sealUpdate('tea-2027', 'decide', decision, { signer: signerFrom(api) }), gate: 'platforms' }), 'olivia', /does not match/],
    ['moved to another round', () => ({ ...sealUpdate('tea-2027', 'decide', decision, { signer: signerFrom(api) }), round: 2 }), 'olivia', /does not match/],
    ['with its origin changed', () => ({ ...sealUpdate('tea-2027', 'decide', decision, { signer: signerFrom(api), origin: { path: 'api', tokenId: 'a' } }), origin: { path: 'cli' } }), 'olivia', /does not match/],
    ['by an unknown key id', () => sealUpdate('tea-2027', 'decide', decision, { signer: signerFrom(newSigningKey({ keyId: 'who', persons: '*' })) }), 'olivia', /does not trust/],
    ['malformed', () => ({ ...decision, proof: { keyId: 'api', nonce: 'x' } }), 'olivia', /malformed/],
  ];
  it.each(refusals)('refuses an Update %s', (_what, arg, by, message) => {
    const result = check(arg(), by);
    expect(result).toMatchObject({ ok: false, type: ErrorType.SignatureRefused });
    expect((result as { message: string }).message).toMatch(message);
  });

  it('refuses a proof for another Update name', () => {
    const arg = sealUpdate('tea-2027', 'prepare', decision, { signer: signerFrom(api) });
    expect(check(arg, 'olivia', 'tea-2027', 'decide').ok).toBe(false);
  });

  it('refuses a proof used before, and forgets it only once it would have expired anyway', () => {
    const arg = sealUpdate('tea-2027', 'decide', decision, { signer: signerFrom(api) }) as { proof: { nonce: string; issuedAt: string; keyId: string; signature: string } };
    const used = recordProof([], arg.proof, now);
    expect(check(arg, 'olivia', 'tea-2027', 'decide', state({ used }))).toMatchObject({ ok: false, message: expect.stringMatching(/used before/) });
    const later = new Date(Date.parse(arg.proof.issuedAt) + PROOF_LIFETIME_MS + 1);
    expect(recordProof(used, undefined, later)).toEqual([]);
    expect(checkProof(state({ used }), { campaignId: 'tea-2027', update: 'decide', arg, by: 'olivia', now: later }))
      .toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });
  });

  it('refuses a proof dated ahead of the campaign clock', () => {
    const arg = sealUpdate('tea-2027', 'decide', decision, { signer: signerFrom(api) });
    expect(checkProof(state(), { campaignId: 'tea-2027', update: 'decide', arg, by: 'olivia', now: new Date(Date.now() - 3_600_000) }))
      .toMatchObject({ ok: false, message: expect.stringMatching(/ahead of the campaign's clock/) });
  });

  it('lets a campaign without keys take the caller\'s word, as before, and says so', () => {
    const unsigned = signingState(undefined);
    expect(check(decision, 'olivia', 'tea-2027', 'decide', unsigned)).toEqual({ ok: true });
    expect(signingSummary(unsigned)).toEqual({ required: false, keys: [] });
    expect(signingSummary(state()).keys.map((k) => k.keyId)).toEqual(['api', 'olivia-laptop', 'ops']);
  });
});

describe('rotating keys', () => {
  const input = (over: object) => rotationInputSchema.parse({ by: 'ops.lead', ...over });

  it('adds and revokes keys when signed by a key that may rotate', () => {
    const fresh = verifyingKeyOf(newSigningKey({ keyId: 'api-2028', persons: '*' }));
    const rotation = input({ add: [fresh], revoke: ['api'] });
    expect(checkRotation(state(), rotation, 'ops')).toEqual({ ok: true });
    expect(rotateKeys(state(), rotation).keys.map((k) => k.keyId)).toEqual(['olivia-laptop', 'ops', 'api-2028']);
  });

  it('refuses a rotation by a key that may not rotate, of an unknown key, or one that leaves no key to rotate with', () => {
    expect(checkRotation(state(), input({ revoke: ['olivia-laptop'] }), 'api')).toMatchObject({ ok: false, type: ErrorType.SignatureRefused });
    expect(checkRotation(state(), input({ revoke: ['nobody'] }), 'ops')).toMatchObject({ ok: false, message: expect.stringMatching(/trusts no key "nobody"/) });
    expect(checkRotation(state(), input({ revoke: ['ops'] }), 'ops')).toMatchObject({ ok: false, message: expect.stringMatching(/no key could rotate again/) });
  });
});
