/**
 * The `campaign` command against a Temporal that requires TLS and a client certificate (a proxy on
 * loopback in front of the test's dev server), and against one that checks API keys.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { issueTestCertificates, startApiKeyCheck, startTlsProxy, type ApiKeyCheck, type TestCertificates, type TlsProxy } from '../helpers/tls.js';

let dir: string;
let certs: TestCertificates;
let proxy: TlsProxy;
let keyCheck: ApiKeyCheck;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'campaign-tls-cli-'));
  certs = await issueTestCertificates(dir);
  [proxy, keyCheck] = await Promise.all([startTlsProxy(inject('temporalAddress'), certs), startApiKeyCheck(certs)]);
});
afterAll(async () => {
  await Promise.all([proxy?.close(), keyCheck?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('campaign CLI against a secured Temporal', () => {
  it('lists campaigns through mTLS, and says what to set when the client certificate is missing', async () => {
    const serverOnly = { DATABASE_URL: inject('databaseUrl'), TEMPORAL_ADDRESS: proxy.address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.ca };
    const mtls = { ...serverOnly, TEMPORAL_TLS_CLIENT_CERT_PATH: certs.clientCert, TEMPORAL_TLS_CLIENT_KEY_PATH: certs.clientKey };
    const [listed, refused, missingFile] = await Promise.all([
      runCli(['list', '--json'], mtls),
      runCli(['list'], serverOnly),
      runCli(['list'], { ...mtls, TEMPORAL_TLS_CLIENT_CERT_PATH: path.join(dir, 'no-such.pem') }),
    ]);
    expect(listed.code).toBe(0);
    expect(Array.isArray(JSON.parse(listed.stdout))).toBe(true);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `campaign: Cannot reach Temporal at ${proxy.address}: the server asked for a client certificate: set TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH.`,
    );
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain(`TEMPORAL_TLS_CLIENT_CERT_PATH names ${path.join(dir, 'no-such.pem')}, which cannot be read (no such file)`);
  });

  it('sends TEMPORAL_API_KEY as a bearer token, and exits 1 saying the key was refused', async () => {
    const result = await runCli(['list'], {
      DATABASE_URL: inject('databaseUrl'), TEMPORAL_ADDRESS: keyCheck.address, TEMPORAL_API_KEY: 'key-from-cli', TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.ca,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot reach Temporal at ${keyCheck.address}: the server refused the API key in TEMPORAL_API_KEY ("Request unauthorized.")`);
    expect(keyCheck.authorizations).toContain('Bearer key-from-cli');
  });
});
