/**
 * What checking a decision's signature costs where campaigns check it: inside the workflow sandbox,
 * in an Update validator. A probe workflow's validator refuses every Update, either at once or
 * after verifying its proof; the difference between the round trips is the verification. The same
 * check is timed in plain Node for reference, and the verdicts are compared for determinism: the
 * sandbox must call a valid proof valid and a forged one invalid every time.
 *
 *   npx tsx bench/signatures.ts            200 samples of each kind
 *   npx tsx bench/signatures.ts --quick    20 samples
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { newSigningKey, sealUpdate, signerFrom, verifyingKeyOf } from '../client/signing.js';
import { signingState } from '../domain/signing/keys.js';
import { checkProof } from '../domain/signing/verify.js';
import { createLogger, installTemporalRuntime } from '../platform/logger.js';
import { BASELINE_WORKFLOWS_PATH, buildBundle, connect, startTemporal } from './stack.js';
import { distribution, elapsedMs, ratio, round } from './stats.js';
import { finishSignal, signatureProbeUpdate } from './workflows/index.js';

/** A person's decision must not wait noticeably longer for being signed. */
const TARGET_EXTRA_MS = 5;

const log = createLogger({ logLevel: 'error', prettyLogs: false }, process.stderr);
const samples = process.argv.includes('--quick') ? 20 : 200;

installTemporalRuntime(log);
const dir = await mkdtemp(path.join(os.tmpdir(), 'signature-bench-'));
const [temporal, bundle] = await Promise.all([startTemporal({ dir, log }), buildBundle(BASELINE_WORKFLOWS_PATH, path.join(dir, 'baseline.js'), log)]);
const taskQueue = `signatures-${randomUUID().slice(0, 8)}`;
const connection = await NativeConnection.connect({ address: temporal.address });
const worker = await Worker.create({ connection, taskQueue, workflowBundle: { codePath: bundle } });
const running = worker.run();
const client = await connect(temporal.address);

const key = newSigningKey({ keyId: 'api', persons: '*' });
const forger = newSigningKey({ keyId: 'api', persons: '*' });
const signing = signingState([verifyingKeyOf(key)]);
const handle = await client.workflow.start('signatureProbe', { taskQueue, workflowId: `probe-${randomUUID()}`, args: [signing] });

type Kind = 'unchecked' | 'valid' | 'forged';
const argOf = (kind: Kind) => kind === 'unchecked'
  ? { by: 'li.na' }
  : sealUpdate('probe', 'probe', { by: 'li.na', gate: 'goals', decision: 'approve', comment: '同意上线', verify: true }, { signer: signerFrom(kind === 'valid' ? key : forger) });

async function probe(kind: Kind): Promise<{ ms: number; verdict: string }> {
  const arg = argOf(kind);
  const started = performance.now();
  const err = await handle.executeUpdate(signatureProbeUpdate, { args: [arg], updateId: randomUUID() }).catch((e: unknown) => e) as { cause?: { message?: string } };
  const ms = elapsedMs(started);
  return { ms, verdict: /signature (\w+)/.exec(err.cause?.message ?? '')?.[1] ?? 'none' };
}

const times: Record<Kind, number[]> = { unchecked: [], valid: [], forged: [] };
const verdicts: Record<Kind, Set<string>> = { unchecked: new Set(), valid: new Set(), forged: new Set() };
await probe('valid'); // the first verification in a worker precomputes the curve's tables
for (let i = 0; i < samples; i++) {
  for (const kind of ['unchecked', 'valid', 'forged'] as const) {
    const { ms, verdict } = await probe(kind);
    times[kind].push(ms);
    verdicts[kind].add(verdict);
  }
}

const nodeArg = argOf('valid');
const nodeStarted = performance.now();
let nodeValid = 0;
for (let i = 0; i < samples; i++) nodeValid += checkProof(signing, { campaignId: 'probe', update: 'probe', arg: nodeArg, by: 'li.na', now: new Date() }).ok ? 1 : 0;
const nodeMs = elapsedMs(nodeStarted) / samples;

const unchecked = distribution(times.unchecked);
const valid = distribution(times.valid);
const extra = valid.p50 - unchecked.p50;
const result = {
  benchmark: 'signatures',
  samples,
  sandbox: { unchecked, valid, forged: distribution(times.forged), extraMsP50: round(extra, 2), ratio: ratio(valid.p50, unchecked.p50) },
  node: { verifyMs: round(nodeMs, 3) },
  deterministic: {
    valid: [...verdicts.valid], forged: [...verdicts.forged],
    met: verdicts.valid.size === 1 && verdicts.valid.has('valid') && verdicts.forged.size === 1 && verdicts.forged.has('invalid') && nodeValid === samples,
  },
  targets: { extraMsP50: { target: TARGET_EXTRA_MS, reached: round(extra, 2), met: extra < TARGET_EXTRA_MS } },
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

await handle.signal(finishSignal);
worker.shutdown();
await running;
await connection.close();
await client.connection.close();
await temporal.stop();
await rm(dir, { recursive: true, force: true });
