/**
 * Why a connection to Temporal failed, in the terms of the settings a person changes. The client
 * (grpc-js) reports every TLS failure as "Failed to connect before the deadline", so after a failure
 * one TLS handshake is tried here with the same certificates, and its outcome (an alert from the
 * server, a certificate this process does not trust, no TLS at all) names the cause.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { TemporalConnectionOptions } from './temporal-connection.js';
import { howToSet, howToTurnTls, settingName, type TemporalTarget } from './temporal-profile.js';

/** A worker (or any process) could not connect; the message says why and what to change. */
export class TemporalUnreachableError extends Error {
  override name = 'TemporalUnreachableError';
}

/** How long the diagnosing handshake may take; a silent server is not diagnosed. */
const PROBE_DEADLINE_MS = 3_000;

/** The HTTP/2 client preface and an empty SETTINGS frame: a TLS server that accepted us answers it. */
const H2_PREFACE = Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])]);

const NETWORK_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const UNTRUSTED_SERVER = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_REJECTED',
]);
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST']);
const CLIENT_CERT_REFUSED = /ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|ACCESS_DENIED|DECRYPT_ERROR)/;

/**
 * The sentence for a failed connection: "Cannot reach Temporal at <address>: <cause>." when the
 * cause is TLS or credentials; otherwise the error as it came, followed by `otherwise`.
 */
export async function unreachableMessage(
  target: TemporalTarget, options: TemporalConnectionOptions, err: unknown, otherwise = '',
): Promise<string> {
  const found = await unreachableCause(target, options, err);
  if (found.cause) return `Cannot reach Temporal at ${target.address}: ${found.cause}.`;
  return `Cannot reach Temporal at ${target.address} (${found.error}).${otherwise ? ` ${otherwise}` : ''}`;
}

/** Why a connection failed: a TLS or credentials `cause` in terms of the settings, else the `error` as it came. */
export async function unreachableCause(
  target: TemporalTarget, options: TemporalConnectionOptions, err: unknown,
): Promise<{ cause: string | undefined; error: string }> {
  const cause = credentialsRefused(target, err) ?? (await tlsProblem(target, options));
  return { cause, error: errorText(err) };
}

function errorText(err: unknown): string {
  const e = err as Error & { cause?: Error };
  return e.cause?.message ? `${e.message}: ${e.cause.message}` : String(e.message ?? err);
}

/** UNAUTHENTICATED (16) or PERMISSION_DENIED (7): from grpc-js as a status code, from the core as text. */
function credentialsRefused(target: TemporalTarget, err: unknown): string | undefined {
  const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown; details?: unknown } };
  const code = e.cause?.code ?? e.code;
  const text = String(e.message ?? '');
  if (!(code === 16 || code === 7 || /valid authentication credentials|does not have permission/.test(text))) return undefined;
  const detail = typeof e.cause?.details === 'string' ? e.cause.details : /message: "([^"]*)"/.exec(text)?.[1];
  const said = detail ? ` ("${detail}")` : '';
  if (target.apiKey) {
    return `the server refused the API key in ${settingName(target, 'apiKey')}${said}: check that the key is current and allowed on namespace ${target.namespace}`;
  }
  return `the server asks for credentials${said}: set ${howToSet(target, 'apiKey')}, or a client certificate (${howToSet(target, 'clientCert', '_path')} and ${howToSet(target, 'clientKey', '_path')})`;
}

type Handshake =
  | { outcome: 'answered' } | { outcome: 'closed-after-handshake' } | { outcome: 'silent' }
  | { outcome: 'failed'; code: string; reason: string; handshaken: boolean };

async function tlsProblem(target: TemporalTarget, options: TemporalConnectionOptions): Promise<string | undefined> {
  const [host, port] = hostAndPort(target.address);
  if (!options.tls) {
    // Plaintext failed: does the server want TLS? Any TLS answer, even a refusal, says so.
    const tried = await handshake({ host, port, rejectUnauthorized: false });
    const speaksTls = tried.outcome === 'answered' || tried.outcome === 'closed-after-handshake'
      || (tried.outcome === 'failed' && (tried.handshaken || tried.code.includes('_ALERT_')));
    return speaksTls
      ? `the server speaks TLS and this connection is plaintext: set ${howToTurnTls(target, true)}, with ${howToSet(target, 'serverCACert', '_path')} when a private CA signed its certificate`
      : undefined;
  }
  const settings = options.tls === true ? {} : options.tls;
  const clientCert = settings.clientCertPair;
  const servername = settings.serverNameOverride ?? (net.isIP(host) ? undefined : host);
  const tried = await handshake({
    host, port,
    ...(servername ? { servername } : {}),
    ...(settings.serverRootCACertificate ? { ca: Buffer.from(settings.serverRootCACertificate) } : {}),
    ...(clientCert ? { cert: Buffer.from(clientCert.crt), key: Buffer.from(clientCert.key) } : {}),
  });
  return explainHandshake(target, tried, { hasClientCert: Boolean(clientCert), hasCa: Boolean(settings.serverRootCACertificate), servername: servername ?? host });
}

function explainHandshake(
  target: TemporalTarget, tried: Handshake, used: { hasClientCert: boolean; hasCa: boolean; servername: string },
): string | undefined {
  const askForCert = `the server asked for a client certificate: set ${howToSet(target, 'clientCert', '_path')} and ${howToSet(target, 'clientKey', '_path')}`;
  const refusedCert = (why: string) =>
    `the server refused the client certificate in ${settingName(target, 'clientCert')} (${why}): use one issued by a CA the server trusts, with its key`;
  if (tried.outcome === 'answered' || tried.outcome === 'silent') return undefined;
  if (tried.outcome === 'closed-after-handshake') {
    return used.hasClientCert ? refusedCert('it closed the connection after the TLS handshake') : askForCert;
  }
  const { code, reason, handshaken } = tried;
  if (NETWORK_FAILURES.has(code)) return undefined;
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' || (!used.hasClientCert && code === 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE')) return askForCert;
  if (used.hasClientCert && CLIENT_CERT_REFUSED.test(code)) return refusedCert(reason);
  if (UNTRUSTED_SERVER.has(code)) {
    return used.hasCa
      ? `the server's certificate is not signed by the CA in ${settingName(target, 'serverCACert')} (${reason}): give the CA that signed the server's certificate`
      : `the server's certificate is not signed by a CA this machine trusts (${reason}): set ${howToSet(target, 'serverCACert', '_path')} to the CA that signed it`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the server's certificate is not issued for ${used.servername} (${reason}): connect by a name it lists, or set ${howToSet(target, 'serverName')} to one`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return `the server's certificate is not valid now (${reason})`;
  if (NOT_TLS.has(code) || (!handshaken && (code === 'ECONNRESET' || code === 'CLOSED'))) {
    const byApiKey = target.apiKey && !target.tls ? ' (an API key turns TLS on)' : '';
    return `the server does not speak TLS${byApiKey}: point ${howToSet(target, 'address')} at its TLS port, or set ${howToTurnTls(target, false)}`;
  }
  return code.startsWith('ERR_SSL_') ? `the TLS handshake failed (${reason})` : undefined;
}

function hostAndPort(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at), Number(address.slice(at + 1))];
}

/** One TLS handshake, then the HTTP/2 preface: what the server did, within PROBE_DEADLINE_MS. */
function handshake(options: tls.ConnectionOptions): Promise<Handshake> {
  return new Promise((resolve) => {
    let handshaken = false;
    const socket = tls.connect({ ...options, ALPNProtocols: ['h2'] });
    const done = (result: Handshake) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ outcome: 'silent' }), PROBE_DEADLINE_MS);
    socket.once('secureConnect', () => {
      handshaken = true;
      socket.write(H2_PREFACE);
    });
    socket.once('data', () => done({ outcome: 'answered' }));
    socket.once('error', (err: NodeJS.ErrnoException & { reason?: string }) => {
      done({ outcome: 'failed', code: err.code ?? '', reason: err.reason ?? err.message, handshaken });
    });
    socket.once('close', () => {
      done(handshaken ? { outcome: 'closed-after-handshake' } : { outcome: 'failed', code: 'CLOSED', reason: 'closed during the handshake', handshaken });
    });
  });
}
