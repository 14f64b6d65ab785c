/**
 * A real HTTP server on loopback that records what it receives and answers like the service a
 * path stands for: `/wecom/…` and `/dingtalk/…` like their robots (`{ errcode: 0 }`), `/feishu/…`
 * like Feishu's (`{ code: 0 }`), `/slack/…` with Slack's plain `ok`, anything else with 204.
 * Tests script other answers per path (errors, 500s, slow replies) in the order they should come.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SunkRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The raw body decoded as UTF-8, exactly as signatures cover it. */
  body: string;
  json: unknown;
}

export interface Answer {
  status?: number;
  /** An object is sent as JSON, a string as it is. */
  body?: unknown;
  delayMs?: number;
}

export interface HttpSink {
  url: string;
  requests: SunkRequest[];
  to(path: string): SunkRequest[];
  script(path: string, ...answers: Answer[]): void;
  reset(): void;
  close(): Promise<void>;
}

function defaultAnswer(path: string): Answer {
  if (path.startsWith('/wecom') || path.startsWith('/dingtalk')) return { body: { errcode: 0, errmsg: 'ok' } };
  if (path.startsWith('/feishu')) return { body: { code: 0, msg: 'success', data: {} } };
  if (path.startsWith('/slack')) return { body: 'ok' };
  return { status: 204 };
}

export async function startHttpSink(): Promise<HttpSink> {
  const requests: SunkRequest[] = [];
  const scripts = new Map<string, Answer[]>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sink');
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try { json = JSON.parse(body); } catch { json = undefined; }
      requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body, json });
      const answer = scripts.get(url.pathname)?.shift() ?? defaultAnswer(url.pathname);
      const reply = () => {
        const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status ?? 200, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json' });
        res.end(text);
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    to: (path) => requests.filter((r) => r.path === path),
    script: (path, ...answers) => scripts.set(path, [...(scripts.get(path) ?? []), ...answers]),
    reset: () => {
      requests.length = 0;
      scripts.clear();
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
