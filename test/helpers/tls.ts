/**
 * A secured Temporal on loopback, for tests of TLS, mTLS and API keys: throwaway certificates made
 * with `openssl`, a TLS-terminating proxy that requires a client certificate in front of the test's
 * dev server, and an HTTP/2 server that reads the `authorization` header a client sends.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import http2 from 'node:http2';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCertificates {
  /** The CA that signed the server's and the client's certificates. */
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A client certificate from another CA, which the proxy does not trust. */
  strangerCert: string;
  strangerKey: string;
  /** Another CA, which did not sign the server's certificate. */
  otherCa: string;
}

/** Certificates in `dir`: a CA, a server certificate for 127.0.0.1 and localhost, client certificates. */
export async function issueTestCertificates(dir: string): Promise<TestCertificates> {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => run('openssl', args).catch((err: Error) => {
    throw new Error(`These tests make certificates with the openssl command (${err.message}): install openssl.`);
  });
  const selfSigned = (name: string, subject: string) =>
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file(`${name}.key`), '-out', file(`${name}.pem`), '-days', '2', '-subj', subject);
  const signed = async (name: string, subject: string, ca: string, extensions: string) => {
    await writeFile(file(`${name}.ext`), extensions);
    await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', subject);
    await openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file(`${ca}.pem`), '-CAkey', file(`${ca}.key`), '-CAcreateserial',
      '-out', file(`${name}.pem`), '-days', '2', '-extfile', file(`${name}.ext`));
  };
  await Promise.all([selfSigned('ca', '/CN=Campaign test CA'), selfSigned('other-ca', '/CN=Another CA')]);
  await Promise.all([
    signed('server', '/CN=localhost', 'ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'),
    signed('client', '/CN=campaign-worker', 'ca', 'extendedKeyUsage=clientAuth\n'),
    signed('stranger', '/CN=stranger', 'other-ca', 'extendedKeyUsage=clientAuth\n'),
  ]);
  return {
    ca: file('ca.pem'), serverCert: file('server.pem'), serverKey: file('server.key'),
    clientCert: file('client.pem'), clientKey: file('client.key'),
    strangerCert: file('stranger.pem'), strangerKey: file('stranger.key'), otherCa: file('other-ca.pem'),
  };
}

export interface TlsProxy {
  address: string;
  /** The common names of the client certificates it let through. */
  clients: string[];
  close(): Promise<void>;
}

/**
 * A TLS endpoint that demands a client certificate signed by the test CA and pipes each accepted
 * connection, as plain TCP, to `upstream` (the dev server): mTLS in front of Temporal.
 */
export async function startTlsProxy(upstream: string, certs: TestCertificates): Promise<TlsProxy> {
  const [upstreamHost, upstreamPort] = [upstream.slice(0, upstream.lastIndexOf(':')), Number(upstream.slice(upstream.lastIndexOf(':') + 1))];
  const clients: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({
    key: await readFile(certs.serverKey), cert: await readFile(certs.serverCert), ca: await readFile(certs.ca),
    requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'],
  }, (client) => {
    clients.push(String(client.getPeerCertificate().subject?.CN));
    const server = net.connect(upstreamPort, upstreamHost);
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(server).pipe(client);
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
  });
  // Refused handshakes are what some tests are about: they are not the proxy's failures.
  server.on('tlsClientError', () => undefined);
  const port = await listen(server);
  return {
    address: `127.0.0.1:${port}`,
    clients,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ApiKeyCheck {
  address: string;
  /** The `authorization` header of each request, as received. */
  authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

/**
 * A gRPC endpoint over TLS (server certificate of the test CA) that answers every call with
 * UNAUTHENTICATED, as Temporal does for a key it does not accept, and keeps what it was sent.
 */
export async function startApiKeyCheck(certs: TestCertificates): Promise<ApiKeyCheck> {
  const authorizations: Array<string | undefined> = [];
  const sessions = new Set<http2.ServerHttp2Session>();
  const server = http2.createSecureServer({ key: await readFile(certs.serverKey), cert: await readFile(certs.serverCert), ALPNProtocols: ['h2'] });
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    authorizations.push(headers.authorization);
    stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '16', 'grpc-message': 'Request unauthorized.' }, { endStream: true });
  });
  const port = await listen(server);
  return {
    address: `127.0.0.1:${port}`,
    authorizations,
    close: () => {
      for (const session of sessions) session.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}
