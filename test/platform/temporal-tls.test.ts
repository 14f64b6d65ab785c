/**
 * Temporal behind TLS with a required client certificate (a TLS-terminating proxy on loopback in
 * front of the test's dev server), reached by the client and by the worker with the settings people
 * write: TEMPORAL_TLS_* variables, or a temporal.toml profile.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { CampaignError, campaignStatus, closeClient, connectClient, startCampaign } from '../../client/campaigns.js';
import { loadConfig } from '../../platform/config.js';
import { TemporalUnreachableError } from '../../platform/temporal-reachability.js';
import { createCampaignWorker } from '../../workers/worker.js';
import { campaignTestEnv, eventually, testLog, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { gatePlan, uniqueCampaignId } from '../helpers/plans.js';
import { issueTestCertificates, startApiKeyCheck, startTlsProxy, type ApiKeyCheck, type TestCertificates, type TlsProxy } from '../helpers/tls.js';

let dir: string;
let certs: TestCertificates;
let proxy: TlsProxy;
let keyCheck: ApiKeyCheck;
let env: CampaignTestEnv;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'campaign-tls-'));
  certs = await issueTestCertificates(dir);
  [proxy, keyCheck, env] = await Promise.all([
    startTlsProxy(inject('temporalAddress'), certs),
    startApiKeyCheck(certs),
    campaignTestEnv('tls'),
  ]);
});
afterAll(async () => {
  await Promise.all([proxy?.close(), keyCheck?.close(), env?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

/** The variables for mTLS through the proxy, as an operator would export them. */
function mtlsVariables(): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: proxy.address,
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.ca,
    TEMPORAL_TLS_CLIENT_CERT_PATH: certs.clientCert,
    TEMPORAL_TLS_CLIENT_KEY_PATH: certs.clientKey,
  };
}

/** The message of a failed connection by the client. */
async function clientRefusal(variables: Record<string, string>): Promise<CampaignError> {
  const err = await connectClient(loadConfig(variables).temporal).then(
    async (client) => {
      await closeClient(client);
      throw new Error('the client connected');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CampaignError);
  return err as CampaignError;
}

describe('Temporal behind mTLS', () => {
  it('lets a client configured by TEMPORAL_TLS_* variables through, with its certificate', async () => {
    const seenBefore = proxy.clients.length;
    const client = await connectClient(loadConfig(mtlsVariables()).temporal);
    try {
      const info = await client.workflowService.getSystemInfo({});
      expect(info.capabilities?.signalAndQueryHeader).toBe(true);
      const namespace = await client.workflowService.describeNamespace({ namespace: 'default' });
      expect(namespace.namespaceInfo?.name).toBe('default');
    } finally {
      await closeClient(client);
    }
    expect(proxy.clients.slice(seenBefore)).toContain('campaign-worker');
  });

  it('runs a campaign on a worker whose connections go through mTLS, read by a client that does too', async () => {
    const temporal = loadConfig(mtlsVariables()).temporal;
    const worker = await createCampaignWorker({
      temporal, pool: env.pool, sandboxUrl: env.sandbox.url, log: testLog, taskQueue: env.taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
    });
    const running = worker.run();
    const client = await connectClient(temporal);
    try {
      const campaignId = uniqueCampaignId('tls');
      const plan = gatePlan({ gates: [{ id: 'goals', title: 'Goals', accountable: 'olivia' }] });
      await startCampaign(client, { plan, campaignId, timeScale: 1, taskQueue: env.taskQueue });
      // The status is published by the worker's workflow task: it was polled and completed over TLS.
      const reading = await eventually(async () => {
        const r = await campaignStatus({ client, store: env.store }, campaignId).catch(() => undefined);
        return r?.gates.some((g) => g.id === 'goals') ? r : undefined;
      }, 'the campaign status published by the worker');
      expect(reading).toMatchObject({ id: campaignId, phase: 'preparation' });
      expect(reading.reading.workflow).toMatchObject({ status: 'RUNNING' });
    } finally {
      await closeClient(client);
      worker.worker.shutdown();
      await running;
    }
  });

  it('says which settings are missing when the client certificate, the CA or TLS itself is not given', async () => {
    const { TEMPORAL_TLS_CLIENT_CERT_PATH: _cert, TEMPORAL_TLS_CLIENT_KEY_PATH: _key, ...withoutCert } = mtlsVariables();
    const [noCert, stranger, otherCa, plaintext] = await Promise.all([
      clientRefusal(withoutCert),
      clientRefusal({ ...mtlsVariables(), TEMPORAL_TLS_CLIENT_CERT_PATH: certs.strangerCert, TEMPORAL_TLS_CLIENT_KEY_PATH: certs.strangerKey }),
      clientRefusal({ ...mtlsVariables(), TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.otherCa }),
      clientRefusal({ TEMPORAL_ADDRESS: proxy.address }),
    ]);
    expect(noCert.exitCode).toBe(1);
    expect(noCert.message).toBe(
      `Cannot reach Temporal at ${proxy.address}: the server asked for a client certificate: set TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH.`,
    );
    expect(stranger.message).toContain('the server refused the client certificate in TEMPORAL_TLS_CLIENT_CERT_PATH');
    expect(otherCa.message).toContain('the server\'s certificate is not signed by the CA in TEMPORAL_TLS_SERVER_CA_CERT_PATH');
    expect(plaintext.message).toContain('the server speaks TLS and this connection is plaintext: set TEMPORAL_TLS=true');
  });

  it('refuses to start a worker without the client certificate, saying what to set', async () => {
    const { TEMPORAL_TLS_CLIENT_CERT_PATH: _cert, TEMPORAL_TLS_CLIENT_KEY_PATH: _key, ...withoutCert } = mtlsVariables();
    const failure = createCampaignWorker({
      temporal: loadConfig(withoutCert).temporal, pool: env.pool, sandboxUrl: env.sandbox.url, log: testLog,
      taskQueue: env.taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') },
    });
    await expect(failure).rejects.toThrow(TemporalUnreachableError);
    await expect(failure).rejects.toThrow('the server asked for a client certificate: set TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH');
  });

  it('connects with the same settings written as a temporal.toml profile', async () => {
    const file = path.join(dir, 'temporal.toml');
    await writeFile(file, [
      '[profile.default]',
      'address = "127.0.0.1:1"',
      '',
      '[profile.secure]',
      `address = "${proxy.address}"`,
      'namespace = "default"',
      '',
      '[profile.secure.tls]',
      `server_ca_cert_path = "${certs.ca}"`,
      `client_cert_path = "${certs.clientCert}"`,
      `client_key_path = "${certs.clientKey}"`,
      '',
    ].join('\n'));
    const temporal = loadConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'secure' }).temporal;
    expect(temporal).toMatchObject({ address: proxy.address, namespace: 'default', origin: { file, profile: 'secure' } });
    const client = await connectClient(temporal);
    try {
      expect((await client.workflowService.getSystemInfo({})).capabilities).toBeDefined();
    } finally {
      await closeClient(client);
    }
  });
});

describe('Temporal with an API key', () => {
  it('sends the key as a bearer token over TLS, and says when the server refuses it', async () => {
    const variables = { TEMPORAL_ADDRESS: keyCheck.address, TEMPORAL_API_KEY: 'key-for-tests', TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.ca };
    const refused = await clientRefusal(variables);
    expect(refused.message).toBe(
      `Cannot reach Temporal at ${keyCheck.address}: the server refused the API key in TEMPORAL_API_KEY ("Request unauthorized."): check that the key is current and allowed on namespace default.`,
    );
    expect(keyCheck.authorizations).toContain('Bearer key-for-tests');

    const worker = createCampaignWorker({
      temporal: loadConfig(variables).temporal, pool: env.pool, sandboxUrl: env.sandbox.url, log: testLog,
      taskQueue: env.taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') },
    });
    await expect(worker).rejects.toThrow('the server refused the API key in TEMPORAL_API_KEY');
  });
});
