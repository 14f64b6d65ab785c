/**
 * A TemporalTarget as connection options. The client's `Connection.connect` (grpc-js) and the
 * worker's `NativeConnection.connect` (the Rust core) take the same ones, so both are built here
 * alike. Certificates are read now, when a process connects: a command that never connects never
 * needs them.
 */
import { readFileSync } from 'node:fs';
import { toClientOptions, type ClientConfigTLS, type ConfigDataSource } from '@temporalio/envconfig';
import type { TLSConfig } from '@temporalio/client';
import { ConfigError } from './config-error.js';
import { settingName, type TemporalTarget } from './temporal-profile.js';

export interface TemporalConnectionOptions {
  address: string;
  /** `true`: TLS with the system's CAs; an object: with our CA, server name or client certificate. */
  tls?: TLSConfig | boolean | undefined;
  apiKey?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

const PEM = {
  clientCert: { what: 'a PEM certificate', marker: /-----BEGIN CERTIFICATE-----/ },
  serverCACert: { what: 'a PEM certificate', marker: /-----BEGIN CERTIFICATE-----/ },
  clientKey: { what: 'a PEM private key', marker: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
} as const;

type Certificate = keyof typeof PEM;

/**
 * Options for either connection. TLS is on when the settings ask for it, or when an API key is set
 * and TLS is not turned off (as Temporal's tools do). An unreadable certificate is a ConfigError.
 */
export function temporalConnectionOptions(target: TemporalTarget): TemporalConnectionOptions {
  const tls = target.tls && !target.tls.disabled ? withCertificatesRead(target, target.tls) : target.tls;
  const { connectionOptions } = toClientOptions({
    address: target.address, namespace: target.namespace, apiKey: target.apiKey, tls, grpcMeta: target.grpcMeta,
  });
  return {
    address: target.address,
    tls: connectionOptions.tls ?? undefined,
    apiKey: target.apiKey,
    metadata: target.grpcMeta,
  };
}

function withCertificatesRead(target: TemporalTarget, tls: ClientConfigTLS): ClientConfigTLS {
  const read: ClientConfigTLS = { ...tls };
  for (const certificate of Object.keys(PEM) as Certificate[]) {
    const source = tls[certificate];
    if (source) read[certificate] = { data: pemOf(target, certificate, source) };
  }
  return read;
}

function pemOf(target: TemporalTarget, certificate: Certificate, source: ConfigDataSource): Uint8Array {
  const name = settingName(target, certificate);
  let bytes: Uint8Array;
  if ('path' in source) {
    try {
      bytes = readFileSync(source.path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
      throw new ConfigError(`${name} names ${source.path}, which cannot be read (${why}): fix the path, or unset ${name}.`);
    }
  } else {
    bytes = typeof source.data === 'string' ? Buffer.from(source.data) : source.data;
  }
  const { what, marker } = PEM[certificate];
  if (!marker.test(Buffer.from(bytes).toString('latin1'))) {
    const given = 'path' in source ? `names ${source.path}, which does not hold` : 'does not hold';
    throw new ConfigError(`${name} ${given} ${what} (a "-----BEGIN …-----" block): give the PEM file${'path' in source ? '' : '\'s text'}.`);
  }
  return bytes;
}
