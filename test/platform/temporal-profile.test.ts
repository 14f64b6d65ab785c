/**
 * The Temporal settings as people write them (TEMPORAL_* variables and temporal.toml profiles),
 * turned into the options both connections use, and the sentences for settings that cannot work.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { temporalConnectionOptions } from '../../platform/temporal-connection.js';

const PEM_CERT = '-----BEGIN CERTIFICATE-----\nMIIBzTCCAXOgAwIBAgIUQ\n-----END CERTIFICATE-----\n';
const PEM_KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n';

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'campaign-temporal-profile-'));
  await Promise.all([writeFile(file('ca.pem'), PEM_CERT), writeFile(file('client.pem'), PEM_CERT), writeFile(file('client.key'), PEM_KEY)]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function configError(load: () => unknown): string {
  try {
    load();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the settings were accepted');
}

async function tomlFile(name: string, lines: string[]): Promise<string> {
  await writeFile(file(name), `${lines.join('\n')}\n`);
  return file(name);
}

describe('Temporal settings', () => {
  it('connects to 127.0.0.1:7233, namespace default, in plaintext when nothing is set', () => {
    const temporal = loadConfig({}).temporal;
    expect(temporal).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default' });
    expect(temporalConnectionOptions(temporal)).toEqual({ address: '127.0.0.1:7233', tls: undefined, apiKey: undefined, metadata: undefined });
  });

  it('turns TLS on with an API key, as Temporal\'s tools do, unless TEMPORAL_TLS=false', () => {
    const cloud = { TEMPORAL_ADDRESS: 'acme.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'acme.a1b2c', TEMPORAL_API_KEY: 'secret-key' };
    const temporal = loadConfig(cloud).temporal;
    expect(temporal.namespace).toBe('acme.a1b2c');
    expect(temporalConnectionOptions(temporal)).toMatchObject({ address: cloud.TEMPORAL_ADDRESS, tls: true, apiKey: 'secret-key' });
    expect(temporalConnectionOptions(loadConfig({ ...cloud, TEMPORAL_TLS: 'false' }).temporal).tls).toBe(false);
  });

  it('reads the CA, the client certificate and its key for mTLS, with the server name and extra headers', () => {
    const options = temporalConnectionOptions(loadConfig({
      TEMPORAL_ADDRESS: '10.0.0.5:7233',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem'),
      TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      TEMPORAL_GRPC_META_X_TEAM: 'growth',
    }).temporal);
    expect(options.tls).toMatchObject({ serverNameOverride: 'temporal.internal' });
    const tls = options.tls as { serverRootCACertificate: Uint8Array; clientCertPair: { crt: Uint8Array; key: Uint8Array } };
    expect(Buffer.from(tls.serverRootCACertificate).toString()).toBe(PEM_CERT);
    expect(Buffer.from(tls.clientCertPair.key).toString()).toBe(PEM_KEY);
    expect(options.metadata).toEqual({ 'x-team': 'growth' });
  });

  it('takes a temporal.toml profile named by TEMPORAL_PROFILE, with the variables winning over it', async () => {
    const config = await tomlFile('profiles.toml', [
      '[profile.default]', 'address = "127.0.0.1:7233"',
      '[profile.prod]', 'address = "temporal.example.com:7233"', 'namespace = "campaigns"', 'api_key = "from-file"',
      '[profile.prod.tls]', `server_ca_cert_path = "${file('ca.pem')}"`,
    ]);
    const temporal = loadConfig({ TEMPORAL_CONFIG_FILE: config, TEMPORAL_PROFILE: 'prod', TEMPORAL_NAMESPACE: 'campaigns-staging' }).temporal;
    expect(temporal).toMatchObject({ address: 'temporal.example.com:7233', namespace: 'campaigns-staging', apiKey: 'from-file' });
    expect(temporalConnectionOptions(temporal).tls).toMatchObject({ serverRootCACertificate: expect.any(Uint8Array) });
    expect(loadConfig({ TEMPORAL_CONFIG_FILE: config }).temporal.address).toBe('127.0.0.1:7233');
  });

  it('finds temporal.toml in the user\'s config folder without TEMPORAL_CONFIG_FILE', async () => {
    const home = file('home');
    await mkdir(path.join(home, '.config', 'temporalio'), { recursive: true });
    await writeFile(path.join(home, '.config', 'temporalio', 'temporal.toml'), '[profile.default]\naddress = "temporal.home:7233"\n');
    expect(loadConfig({ HOME: home }).temporal.address).toBe('temporal.home:7233');
    expect(loadConfig({ HOME: home, XDG_CONFIG_HOME: file('elsewhere') }).temporal.address).toBe('127.0.0.1:7233');
  });
});

describe('Temporal settings that cannot work', () => {
  it('names the half of a client certificate pair that is missing', async () => {
    expect(configError(() => loadConfig({ TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key') }))).toBe(
      'TEMPORAL_TLS_CLIENT_KEY_PATH is set without a client certificate (a client certificate goes with its key): set TEMPORAL_TLS_CLIENT_CERT_PATH too, or unset TEMPORAL_TLS_CLIENT_KEY_PATH.',
    );
    const config = await tomlFile('half.toml', ['[profile.default.tls]', `client_cert_path = "${file('client.pem')}"`]);
    expect(configError(() => loadConfig({ TEMPORAL_CONFIG_FILE: config }))).toBe(
      `tls.client_cert_path in profile "default" of ${config} is set without its private key (a client certificate goes with its key): add tls.client_key_path to that profile (or set TEMPORAL_TLS_CLIENT_KEY_PATH), or remove tls.client_cert_path.`,
    );
  });

  it('names the setting whose certificate file is missing or is no PEM file, when connecting', () => {
    const missing = loadConfig({ TEMPORAL_TLS_CLIENT_CERT_PATH: file('nope.pem'), TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key') }).temporal;
    expect(configError(() => temporalConnectionOptions(missing))).toBe(
      `TEMPORAL_TLS_CLIENT_CERT_PATH names ${file('nope.pem')}, which cannot be read (no such file): fix the path, or unset TEMPORAL_TLS_CLIENT_CERT_PATH.`,
    );
    const swapped = loadConfig({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('client.key') }).temporal;
    expect(configError(() => temporalConnectionOptions(swapped))).toContain(`TEMPORAL_TLS_SERVER_CA_CERT_PATH names ${file('client.key')}, which does not hold a PEM certificate`);
  });

  it('says where a temporal.toml is broken, and which profiles it has', async () => {
    const broken = await tomlFile('broken.toml', ['[profile.prod', 'address = "x:1"']);
    expect(configError(() => loadConfig({ TEMPORAL_CONFIG_FILE: broken }))).toMatch(new RegExp(`^${broken} is not valid TOML \\(line 1, column \\d+: .+\\): fix the file`));
    const config = await tomlFile('two.toml', ['[profile.default]', 'address = "a:1"', '[profile.prod]', 'address = 7233']);
    expect(configError(() => loadConfig({ TEMPORAL_CONFIG_FILE: config, TEMPORAL_PROFILE: 'staging' }))).toBe(
      `TEMPORAL_PROFILE is "staging", which ${config} does not define (it has "default", "prod"): name one of its profiles, or add [profile.staging] to it.`,
    );
    expect(configError(() => loadConfig({ TEMPORAL_CONFIG_FILE: config, TEMPORAL_PROFILE: 'prod' }))).toBe(
      `Profile "prod" of ${config} cannot be used:\n  address: Invalid input: expected string, received number`,
    );
    expect(configError(() => loadConfig({ TEMPORAL_CONFIG_FILE: file('absent.toml') }))).toContain(`TEMPORAL_CONFIG_FILE names ${file('absent.toml')}, which is not a file`);
    expect(configError(() => loadConfig({ TEMPORAL_PROFILE: 'prod', HOME: file('nobody') }))).toContain('TEMPORAL_PROFILE is "prod", but there is no temporal.toml at');
  });

  it('refuses a TLS switch it cannot read and host verification turned off', () => {
    expect(configError(() => loadConfig({ TEMPORAL_TLS: 'yes', TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: 'true' }))).toBe([
      'Invalid environment:',
      '  TEMPORAL_TLS: write true or false',
      '  TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: the server\'s name cannot be left unchecked here: set TEMPORAL_TLS_SERVER_NAME to a name in its certificate instead, and unset this',
    ].join('\n'));
  });

  it('refuses a certificate given both as a path and as inline PEM', () => {
    expect(configError(() => loadConfig({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem'), TEMPORAL_TLS_SERVER_CA_CERT_DATA: PEM_CERT }))).toContain(
      'A certificate is given twice, as server_ca_cert_path and server_ca_cert_data',
    );
  });
});
