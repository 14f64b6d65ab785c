/**
 * Nobody decides as someone else: on a campaign started with a keyring, every person's Update sent
 * straight to Temporal without a valid proof is refused by its validator, leaving no event in the
 * history; valid ones are taken once, and the records say how they came.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignStatus, decide, prepare, rotateKeys, startCampaign } from '../../client/campaigns.js';
import { newSigningKey, sealUpdate, signerFrom, verifyingKeyOf } from '../../client/signing.js';
import { ErrorType } from '../../domain/errors.js';
import { signedMessage } from '../../domain/signing/message.js';
import { campaignWorkflowId, decideUpdate } from '../../workflows/contract.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { gatePlan, scaleForDay, uniqueCampaignId } from '../helpers/plans.js';
import { sign as nodeSign, createPrivateKey, randomUUID } from 'node:crypto';

let env: CampaignTestEnv;
const api = newSigningKey({ keyId: 'api', persons: '*' });
const olivia = newSigningKey({ keyId: 'olivia-laptop', persons: ['olivia'] });
const operator = newSigningKey({ keyId: 'ops', persons: '*', rotate: true });
const keyring = [api, olivia, operator].map(verifyingKeyOf);

beforeAll(async () => {
  env = await campaignTestEnv('signatures');
  await env.startWorker();
});
afterAll(async () => {
  await env?.stop();
});

const plan = gatePlan({
  gates: [
    { id: 'goals', title: 'Goals', accountable: 'olivia' },
    { id: 'platforms', title: 'Platforms', accountable: 'chloe', responsible: ['ben'] },
  ],
});

async function startSigned(): Promise<{ id: string; handle: WorkflowHandle }> {
  const id = uniqueCampaignId('signed');
  // One campaign day is an hour: no chaser fires while the test counts history events.
  await startCampaign(env.client, { plan, campaignId: id, timeScale: scaleForDay(3_600_000), taskQueue: env.taskQueue, trustedKeys: keyring });
  await eventually(async () => ((await campaignStatus(env, id)).gates.length === 2 ? true : undefined), 'the gates to open');
  return { id, handle: env.client.workflow.getHandle(campaignWorkflowId(id)) };
}

/** History length once the workflow has nothing left to do. */
async function settledLength(handle: WorkflowHandle): Promise<number> {
  let last = -1;
  return eventually(async () => {
    const length = (await handle.fetchHistory()).events?.length ?? 0;
    const settled = length === last && (await handle.describe()).raw.pendingWorkflowTask == null;
    last = length;
    return settled ? length : undefined;
  }, 'the history to settle');
}

async function refusedDirectly(handle: WorkflowHandle, update: string, arg: unknown): Promise<string> {
  const err = await handle.executeUpdate(update, { args: [arg], updateId: randomUUID() }).catch((e: unknown) => e) as { cause?: { type?: string; message?: string } };
  expect(err?.cause?.type, JSON.stringify(err?.cause?.message)).toBe(ErrorType.SignatureRefused);
  return err.cause!.message!;
}

/** A proof made by hand, with whatever date the forger likes. */
function proofDated(campaignId: string, arg: Record<string, unknown>, issuedAt: string): Record<string, unknown> {
  const unsigned = { keyId: 'api', issuedAt, nonce: randomUUID().replace(/-/g, '') };
  const key = createPrivateKey({ key: Buffer.from(`302e020100300506032b657004220420${api.privateKey}`, 'hex'), format: 'der', type: 'pkcs8' });
  const signature = nodeSign(null, signedMessage({ campaignId, update: 'decide', arg: { ...arg, proof: unsigned } }), key).toString('hex');
  return { ...arg, proof: { ...unsigned, signature } };
}

describe('signed decisions', () => {
  it('refuses unsigned, forged, misdirected, replayed and expired decisions sent straight to Temporal, with no history event', async () => {
    const { id, handle } = await startSigned();
    const other = uniqueCampaignId('elsewhere');
    const approve = { gate: 'goals', decision: 'approve', by: 'olivia', round: 1 };
    const before = await settledLength(handle);

    const messages = [
      await refusedDirectly(handle, 'decide', approve),
      await refusedDirectly(handle, 'decide', { ...approve, proof: { keyId: 'api', issuedAt: new Date().toISOString(), nonce: '0'.repeat(32), signature: 'a'.repeat(128) } }),
      await refusedDirectly(handle, 'decide', sealUpdate(id, 'decide', approve, { signer: signerFrom(newSigningKey({ keyId: 'api', persons: '*' })) })),
      await refusedDirectly(handle, 'decide', sealUpdate(other, 'decide', approve, { signer: signerFrom(api) })),
      await refusedDirectly(handle, 'decide', { ...sealUpdate(id, 'decide', { ...approve, gate: 'platforms', by: 'chloe' }, { signer: signerFrom(api) }), gate: 'goals', by: 'olivia' }),
      await refusedDirectly(handle, 'decide', sealUpdate(id, 'decide', { ...approve, gate: 'platforms', by: 'chloe' }, { signer: signerFrom(olivia) })),
      await refusedDirectly(handle, 'prepare', sealUpdate(id, 'decide', { gate: 'platforms', by: 'ben', ready: true }, { signer: signerFrom(api) })),
      await refusedDirectly(handle, 'decide', proofDated(id, approve, new Date(Date.now() - 8 * 86_400_000).toISOString())),
      await refusedDirectly(handle, 'prepare', { gate: 'platforms', by: 'ben', ready: true }),
    ];
    expect(messages[0]).toContain('carries no signature');
    expect(messages[1]).toContain('does not match');
    expect(messages[3]).toContain('does not match');
    expect(messages[5]).toContain('may sign only for olivia');
    expect(messages[7]).toContain('expired');
    expect(await settledLength(handle)).toBe(before);

    // Taken once: the same signed decision sent again under another update id is a replay.
    const signed = sealUpdate(id, 'decide', { ...approve, decision: 'send-back', comment: '目标写得不清楚' }, { signer: signerFrom(api), origin: { path: 'api', tokenId: 'tok-1' } });
    await handle.executeUpdate(decideUpdate, { args: [signed as never], updateId: randomUUID() });
    const afterOne = await settledLength(handle);
    expect(await refusedDirectly(handle, 'decide', signed)).toContain('used before');
    // The gate is in round 2 now: an approval signed for round 1, with a fresh proof, is not taken.
    const roundOne = sealUpdate(id, 'decide', approve, { signer: signerFrom(olivia) });
    const stale = await handle.executeUpdate(decideUpdate, { args: [roundOne as never], updateId: randomUUID() }).catch((e: unknown) => e) as { cause?: { message?: string } };
    expect(stale.cause?.message).toContain('was for round 1 of gate "goals"; the gate is in round 2 now');
    expect(await settledLength(handle)).toBe(afterOne);

    // The records keep how the accepted decision came.
    const trail = await eventually(async () => {
      const entries = await env.store.audit.trail(id);
      return entries.find((e) => e.kind === 'decision' && e.gate === 'goals');
    }, 'the decision record');
    expect(trail.detail).toMatchObject({ decision: 'send-back', origin: { path: 'api', tokenId: 'tok-1' }, signedWith: 'api' });
  });

  it('takes every person\'s Update when signed, and says in its status which keys it trusts', async () => {
    const { id } = await startSigned();
    const status = await campaignStatus(env, id);
    expect(status.signing).toEqual({ required: true, keys: [{ keyId: 'api', persons: '*' }, { keyId: 'olivia-laptop', persons: ['olivia'] }, { keyId: 'ops', persons: '*', rotate: true }] });
    await prepare(env.client, id, { gate: 'platforms', by: 'ben', ready: true }, { signer: signerFrom(api), origin: { path: 'cli' } });
    await decide(env, id, { gate: 'goals', decision: 'approve', by: 'olivia' }, { signer: signerFrom(olivia), origin: { path: 'cli' } });
    const after = await campaignStatus(env, id);
    expect(after.gates.find((g) => g.id === 'goals')?.status).toBe('approved');
    const readiness = await eventually(async () => (await env.store.audit.trail(id)).find((e) => e.kind === 'readiness'), 'the readiness record');
    expect(readiness.detail).toMatchObject({ origin: { path: 'cli' }, signedWith: 'api' });
  });

  it('rotates its keys by an operator\'s signed Update: a revoked key signs no more, a new one does', async () => {
    const { id, handle } = await startSigned();
    const fresh = newSigningKey({ keyId: 'olivia-phone', persons: ['olivia'] });
    const byApi = await rotateKeys(env.client, id, { add: [], revoke: ['olivia-laptop'], by: 'sam' }, { signer: signerFrom(api) }).catch((e: unknown) => e);
    expect(byApi).toMatchObject({ exitCode: 3, message: expect.stringContaining('may rotate') });
    await rotateKeys(env.client, id, { add: [verifyingKeyOf(fresh)], revoke: ['olivia-laptop'], by: 'sam' }, { signer: signerFrom(operator) });
    expect((await campaignStatus(env, id)).signing?.keys.map((k) => k.keyId)).toEqual(['api', 'ops', 'olivia-phone']);
    const approve = { gate: 'goals', decision: 'approve', by: 'olivia', round: 1 };
    expect(await refusedDirectly(handle, 'decide', sealUpdate(id, 'decide', approve, { signer: signerFrom(olivia) }))).toContain('does not trust');
    await decide(env, id, { gate: 'goals', decision: 'approve', by: 'olivia' }, { signer: signerFrom(fresh) });
    const rotated = await eventually(async () => (await env.store.audit.trail(id)).find((e) => e.kind === 'keys-rotated'), 'the rotation record');
    expect(rotated).toMatchObject({ actor: 'sam', detail: { before: ['api', 'olivia-laptop', 'ops'], after: ['api', 'ops', 'olivia-phone'], signedWith: 'ops' } });
  });

  it('keeps a campaign started without keys working as before, and its status says decisions are not signed', async () => {
    const id = uniqueCampaignId('unsigned');
    await startCampaign(env.client, { plan, campaignId: id, timeScale: scaleForDay(3_600_000), taskQueue: env.taskQueue });
    await eventually(async () => ((await campaignStatus(env, id)).gates.length === 2 ? true : undefined), 'the gates to open');
    expect((await campaignStatus(env, id)).signing).toEqual({ required: false, keys: [] });
    // A signer configured for other campaigns does no harm here.
    await decide(env, id, { gate: 'goals', decision: 'approve', by: 'olivia' }, { signer: signerFrom(olivia) });
    await prepare(env.client, id, { gate: 'platforms', by: 'ben', ready: true });
    expect((await campaignStatus(env, id)).gates.map((g) => g.stage)).toEqual(['approved', 'deciding']);
  });
});

