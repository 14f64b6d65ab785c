/**
 * Tokens: how they are made, stored, checked and revoked; the first admin bootstrapped once; an
 * admin issuing, listing and revoking them through the API and the CLI; the audit of their use;
 * the limit on requests without a valid token; and `campaign api` as its own process. The admin
 * tests run on a database of their own: the first admin can only be bootstrapped where there is none.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type RunningApiServer } from '../../client/api/server.js';
import { authenticate, createToken, listTokens, revokeToken } from '../../client/api/tokens.js';
import { CampaignError } from '../../client/campaigns.js';
import { createPool } from '../../platform/database.js';
import { createFreshTestDatabase, type TestDatabase } from '../../store/databases.js';
import { migrateDatabase } from '../../store/migrations.js';
import { campaignTestEnv, eventually, testLog, type CampaignTestEnv } from '../helpers/campaign-env.js';
import type { CliResult } from '../helpers/cli.js';
import { insertCampaign } from '../helpers/records-store.js';
import { call, problemType } from './api-env.js';

const CLI = fileURLToPath(new URL('../../bin/campaign.js', import.meta.url));
const UNKNOWN_TOKEN = `cpn_${'C'.repeat(43)}`;

let env: CampaignTestEnv;
let server: RunningApiServer;
let cliEnv: Record<string, string>;

/** The admin tests' own records database, and an API server on it whose clock the tests can move. */
const own = { db: undefined as TestDatabase | undefined, pool: undefined as unknown as Pool, server: undefined as unknown as RunningApiServer, cliEnv: {} as Record<string, string> };
let clockOffsetMs = 0;
const admin = { id: '', token: '' };

beforeAll(async () => {
  env = await campaignTestEnv('api-tokens');
  server = await startApiServer({ client: env.client, pool: env.pool, log: testLog, taskQueue: env.taskQueue, port: 0 });
  cliEnv = { DATABASE_URL: env.databaseUrl, TEMPORAL_ADDRESS: env.temporalAddress, TASK_QUEUE: env.taskQueue, LOG_LEVEL: 'warn' };

  const serverUrl = new URL(env.databaseUrl);
  serverUrl.pathname = '/postgres';
  own.db = await createFreshTestDatabase(serverUrl.toString());
  await migrateDatabase(own.db.url);
  own.pool = createPool(own.db.url, { max: 4 });
  own.server = await startApiServer({
    client: env.client, pool: own.pool, log: testLog, taskQueue: env.taskQueue, port: 0, now: () => new Date(Date.now() + clockOffsetMs),
  });
  own.cliEnv = { ...cliEnv, DATABASE_URL: own.db.url };
});
afterAll(async () => {
  await own.server?.close();
  await own.pool?.end();
  await own.db?.drop();
  await server?.close();
  await env?.stop();
});

function campaignCli(args: string[], extra: Record<string, string> = cliEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...extra }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The CLI through the admin tests' API, with `token`; the records database out of reach. */
function viaApi(token: string, args: string[]): Promise<CliResult> {
  return campaignCli(args, { ...own.cliEnv, DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none', CAMPAIGN_API_URL: own.server.url, CAMPAIGN_API_TOKEN: token });
}

const asAdmin = (method: string, path: string, json?: unknown) => call(own.server.url, method, path, { token: admin.token, ...(json !== undefined ? { json } : {}) });

async function trail(tokenId: string): Promise<Array<{ event: string; actor: string | null; actorToken: string | null; tokenId: string | null; detail: Record<string, unknown> }>> {
  const res = await asAdmin('GET', `/v1/tokens/${tokenId}/audit`);
  expect(res.status, res.text).toBe(200);
  return res.body.entries;
}

describe('tokens', () => {
  it('are random, prefixed, and stored only as their SHA-256', async () => {
    const a = await createToken(env.pool, { person: 'li.na', role: 'approver', label: 'phone' });
    const b = await createToken(env.pool, { person: 'li.na', role: 'approver' });
    expect(a.token).toMatch(/^cpn_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    const { rows } = await env.pool.query('SELECT * FROM api_tokens WHERE id = $1', [a.id]);
    expect(rows[0]).toMatchObject({ person: 'li.na', role: 'approver', label: 'phone', revoked_at: null, issued_via: 'setup', issued_by: null });
    expect(rows[0].token_hash).toBe(createHash('sha256').update(a.token).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(a.token.slice(4));
    const days = (rows[0].expires_at.getTime() - rows[0].created_at.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(90, 3);
    const audit = await env.pool.query('SELECT event, actor, detail FROM api_token_audit WHERE token_id = $1', [a.id]);
    expect(audit.rows).toEqual([{ event: 'issued', actor: null, detail: { via: 'setup', person: 'li.na', role: 'approver', ttlDays: 90 } }]);
  });

  it('identify their person and role until they expire or are revoked', async () => {
    const { id, token } = await createToken(env.pool, { person: 'zhao.lei', role: 'approver', ttlDays: 1 });
    expect(await authenticate(env.pool, token)).toEqual({ ok: true, caller: { person: 'zhao.lei', role: 'approver', tokenId: id } });
    expect(await authenticate(env.pool, undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(await authenticate(env.pool, 'cpn_short')).toEqual({ ok: false, reason: 'malformed' });
    expect(await authenticate(env.pool, `cpn_${'B'.repeat(43)}`)).toEqual({ ok: false, reason: 'unknown' });

    await env.pool.query("UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    expect(await authenticate(env.pool, token)).toEqual({ ok: false, reason: 'expired', tokenId: id });
    expect((await listTokens(env.pool)).find((t) => t.id === id)?.state).toBe('expired');

    expect(await revokeToken(env.pool, id)).toBe('revoked');
    expect(await revokeToken(env.pool, id)).toBe('already-revoked');
    expect(await revokeToken(env.pool, '00000000-0000-0000-0000-000000000000')).toBe('not-found');
    expect(await revokeToken(env.pool, 'not-an-id')).toBe('not-found');
    expect(await authenticate(env.pool, token)).toEqual({ ok: false, reason: 'revoked', tokenId: id });
    expect((await listTokens(env.pool)).find((t) => t.id === id)).toMatchObject({ state: 'revoked', person: 'zhao.lei' });
  });

  it('refuse to be made for a role, person or lifetime that makes no sense', async () => {
    for (const opts of [
      { person: 'li.na', role: 'root' },
      { person: 'li na', role: 'ops' },
      { person: 'li.na', role: 'ops', ttlDays: 0 },
      { person: 'li.na', role: 'ops', ttlDays: 1.5 },
    ]) {
      const err = await createToken(env.pool, opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CampaignError);
      expect((err as CampaignError).exitCode).toBe(2);
    }
  });
});

describe('the first admin', () => {
  it('is the only token the command line makes on the database, and nothing else is done there', async () => {
    for (const args of [['tokens', 'create', '--person', 'wang.wei', '--role', 'ops'], ['tokens', 'list'], ['tokens', 'revoke', '00000000-0000-0000-0000-000000000000']]) {
      const refused = await campaignCli(args, own.cliEnv);
      expect(refused.code, `${args.join(' ')}: ${refused.stderr}`).toBe(3);
      expect(refused.stderr).toContain('by an admin through the API: set CAMPAIGN_API_URL (or --api) and CAMPAIGN_API_TOKEN');
      expect(refused.stderr).toContain('campaign tokens create --role admin --person <your id>');
    }
    expect((await own.pool.query('SELECT count(*)::int AS n FROM api_tokens')).rows[0].n).toBe(0);
  });

  it('is bootstrapped once, while there is no admin', async () => {
    const first = await campaignCli(['tokens', 'create', '--person', 'ops.lead', '--role', 'admin', '--json'], own.cliEnv);
    expect(first.code, first.stderr).toBe(0);
    const issued = JSON.parse(first.stdout) as { id: string; token: string; person: string; role: string };
    expect(issued).toMatchObject({ person: 'ops.lead', role: 'admin', token: expect.stringMatching(/^cpn_/) });
    Object.assign(admin, { id: issued.id, token: issued.token });
    const { rows } = await own.pool.query('SELECT issued_via, issued_by FROM api_tokens WHERE id = $1', [issued.id]);
    expect(rows[0]).toEqual({ issued_via: 'bootstrap', issued_by: null });

    const second = await campaignCli(['tokens', 'create', '--person', 'someone', '--role', 'admin'], own.cliEnv);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain('An admin token exists, so tokens are issued, listed and revoked by an admin through the API');
    expect((await own.pool.query("SELECT count(*)::int AS n FROM api_tokens WHERE role = 'admin'")).rows[0].n).toBe(1);
  });
});

describe('an admin through the API', () => {
  it('issues tokens only for people a campaign\'s plan names, or admins', async () => {
    const stranger = await asAdmin('POST', '/v1/tokens', { person: 'wang.wei', role: 'approver' });
    expect(stranger.status).toBe(422);
    expect(stranger.body).toMatchObject({ type: problemType('unknown-person'), detail: expect.stringContaining('Nobody called "wang.wei" is known') });
    expect(stranger.body.errors).toEqual([expect.objectContaining({ path: 'body.person', fix: expect.stringContaining('start the campaign whose plan names them') })]);

    // insertCampaign's plan is owned by li.na; wang.wei is on its team, zhao.lei and sun.li are a gate's people.
    await insertCampaign(own.pool, 'tokens', {
      plan: { team: [{ id: 'wang.wei', name: '王伟' }], gates: [{ id: 'goals', accountable: 'zhao.lei', responsible: [], consulted: ['sun.li'], informed: [] }] },
    });
    for (const person of ['wang.wei', 'zhao.lei', 'sun.li', 'li.na', 'ops.lead']) {
      const issued = await asAdmin('POST', '/v1/tokens', { person, role: 'approver', label: 'api test', ttlDays: 7 });
      expect(issued.status, `${person}: ${issued.text}`).toBe(201);
      expect(issued.body).toMatchObject({ person, role: 'approver', token: expect.stringMatching(/^cpn_[A-Za-z0-9_-]{43}$/) });
      const me = await call(own.server.url, 'GET', '/v1/me', { token: issued.body.token });
      expect(me.body).toEqual({ person, role: 'approver', tokenId: issued.body.id });
    }
    expect((await asAdmin('POST', '/v1/tokens', { person: 'nobody', role: 'manager' })).status).toBe(422);
  });

  it('names each field of a request that makes no sense', async () => {
    const res = await asAdmin('POST', '/v1/tokens', { person: 'li na', role: 'root', ttlDays: 0 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.person', 'body.role', 'body.ttlDays']);
    expect(res.body.errors[1].message).toBe('one of ops, approver, manager, admin');
  });

  it('lists every token with who issued it, never the tokens themselves', async () => {
    const issued = await asAdmin('POST', '/v1/tokens', { person: 'wang.wei', role: 'ops' });
    const list = await asAdmin('GET', '/v1/tokens');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(issued.body.token.slice(4));
    expect(list.body.tokens[0]).toMatchObject({
      id: issued.body.id, person: 'wang.wei', role: 'ops', state: 'active', issuedVia: 'api', issuedBy: 'ops.lead', issuedByToken: admin.id, lastUsedAt: null,
    });
    expect(list.body.tokens.find((t: { id: string }) => t.id === admin.id)).toMatchObject({ issuedVia: 'bootstrap', issuedBy: null, role: 'admin' });
  });

  it('is the only role that administers tokens; others are refused, and the refusal is in their token\'s audit', async () => {
    const manager = (await asAdmin('POST', '/v1/tokens', { person: 'li.na', role: 'manager' })).body;
    for (const [method, path] of [['GET', '/v1/tokens'], ['POST', `/v1/tokens/${admin.id}/revoke`], ['GET', `/v1/tokens/${admin.id}/audit`]] as const) {
      const res = await call(own.server.url, method, path, { token: manager.token });
      expect(res.status).toBe(403);
      expect(res.body.type).toBe(problemType('role-not-permitted'));
    }
    const refusals = (await trail(manager.id)).filter((e) => e.event === 'refused');
    expect(refusals.map((e) => e.detail['operationId'])).toEqual(['listTokens', 'revokeToken', 'tokenAudit']);
    expect(refusals[0]).toMatchObject({ actor: 'li.na', actorToken: manager.id, detail: { problem: 'role-not-permitted', role: 'manager' } });
  });

  it('audits a token\'s issue, its use once a minute, refused requests and its revocation', async () => {
    const issued = (await asAdmin('POST', '/v1/tokens', { person: 'zhao.lei', role: 'manager', label: 'audit' })).body;
    for (let i = 0; i < 3; i += 1) expect((await call(own.server.url, 'GET', '/v1/me', { token: issued.token })).status).toBe(200);
    expect((await trail(issued.id)).map((e) => e.event)).toEqual(['issued', 'used']);
    const listed = (await asAdmin('GET', '/v1/tokens')).body.tokens.find((t: { id: string }) => t.id === issued.id);
    expect(Date.now() - Date.parse(listed.lastUsedAt)).toBeLessThan(60_000);

    // A minute later (for this API process and for the database) the token's use is noted again.
    clockOffsetMs += 61_000;
    await own.pool.query("UPDATE api_tokens SET last_used_at = last_used_at - interval '61 seconds' WHERE id = $1", [issued.id]);
    expect((await call(own.server.url, 'GET', '/v1/inbox', { token: issued.token })).status).toBe(200);

    expect((await asAdmin('POST', `/v1/tokens/${issued.id}/revoke`)).body).toEqual({ id: issued.id, outcome: 'revoked' });
    expect((await asAdmin('POST', `/v1/tokens/${issued.id}/revoke`)).body).toEqual({ id: issued.id, outcome: 'already-revoked' });
    const refused = await call(own.server.url, 'GET', '/v1/me', { token: issued.token });
    expect(refused.status).toBe(401);

    const entries = await trail(issued.id);
    expect(entries.map((e) => e.event)).toEqual(['issued', 'used', 'used', 'revoked', 'refused']);
    expect(entries[0]).toMatchObject({ actor: 'ops.lead', actorToken: admin.id, detail: { via: 'api', person: 'zhao.lei', role: 'manager' } });
    expect(entries[1]).toMatchObject({ actor: 'zhao.lei', detail: { operationId: 'whoAmI' } });
    expect(entries[2]).toMatchObject({ actor: 'zhao.lei', detail: { operationId: 'inbox' } });
    expect(entries[3]).toMatchObject({ actor: 'ops.lead', actorToken: admin.id });
    expect(entries[4]).toMatchObject({ actor: null, tokenId: issued.id, detail: { reason: 'revoked', operationId: 'whoAmI', client: '127.0.0.1' } });
    // The admin's own token shows what was done with it.
    expect((await trail(admin.id)).some((e) => e.event === 'revoked' && e.tokenId === issued.id)).toBe(true);

    const missing = await asAdmin('POST', '/v1/tokens/00000000-0000-0000-0000-000000000000/revoke');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: problemType('not-found'), detail: expect.stringContaining('There is no token "00000000-0000-0000-0000-000000000000"') });
    expect((await asAdmin('GET', '/v1/tokens/00000000-0000-0000-0000-000000000000/audit')).status).toBe(404);
  });

  it('records requests with a token nobody issued, without a token id', async () => {
    const res = await call(own.server.url, 'GET', '/v1/campaigns', { token: UNKNOWN_TOKEN });
    expect(res.status).toBe(401);
    const { rows } = await own.pool.query("SELECT token_id, actor, detail FROM api_token_audit WHERE event = 'refused' ORDER BY id DESC LIMIT 1");
    expect(rows[0]).toEqual({ token_id: null, actor: null, detail: { reason: 'unknown', operationId: 'listCampaigns', client: '127.0.0.1' } });
  });

  it('administers tokens from the CLI with an admin token', async () => {
    const created = await viaApi(admin.token, ['tokens', 'create', '--person', 'wang.wei', '--role', 'manager', '--ttl-days', '7', '--label', 'weekly report', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const { id, token, expiresAt } = JSON.parse(created.stdout) as { id: string; token: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await call(own.server.url, 'GET', '/v1/inbox', { token })).body.person).toBe('wang.wei');

    const text = await viaApi(admin.token, ['tokens', 'create', '--person', 'li.na', '--role', 'approver']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Token [0-9a-f-]{36} for li\.na \(approver\), valid until \d{4}-\d{2}-\d{2}:\n\n {2}cpn_[A-Za-z0-9_-]{43}\n/);
    expect(text.stdout).toContain('shown only now');

    const listed = await viaApi(admin.token, ['tokens', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).not.toContain(token.slice(4));
    expect((JSON.parse(listed.stdout) as Array<Record<string, unknown>>).find((r) => r['id'] === id)).toMatchObject({
      person: 'wang.wei', role: 'manager', label: 'weekly report', state: 'active', issuedBy: 'ops.lead',
    });
    expect((await viaApi(admin.token, ['tokens', 'list'])).stdout).toMatch(new RegExp(`${id}\\s+wang\\.wei\\s+manager\\s+active\\s+\\S+\\s+ops\\.lead`));

    const revoked = await viaApi(admin.token, ['tokens', 'revoke', id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`Token ${id} revoked.`);
    expect((await call(own.server.url, 'GET', '/v1/inbox', { token })).status).toBe(401);
    const audit = await viaApi(admin.token, ['tokens', 'audit', id]);
    expect(audit.stdout).toMatch(/issued\s+ops\.lead/);
    expect(audit.stdout).toMatch(/revoked\s+ops\.lead/);
  });

  it('exits 2 on a usage mistake, an unknown person or token, and 3 for a token that is not an admin\'s', async () => {
    const role = await viaApi(admin.token, ['tokens', 'create', '--person', 'li.na', '--role', 'root']);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('Allowed choices are ops, approver, manager, admin');
    expect((await viaApi(admin.token, ['tokens', 'create', '--role', 'ops'])).code).toBe(2);
    const stranger = await viaApi(admin.token, ['tokens', 'create', '--person', 'nobody', '--role', 'ops']);
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain('Nobody called "nobody" is known');
    const unknown = await viaApi(admin.token, ['tokens', 'revoke', '00000000-0000-0000-0000-000000000000']);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain('There is no token "00000000-0000-0000-0000-000000000000"');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);

    const manager = (await asAdmin('POST', '/v1/tokens', { person: 'li.na', role: 'manager' })).body;
    const notAdmin = await viaApi(manager.token, ['tokens', 'list']);
    expect(notAdmin.code).toBe(3);
    expect(notAdmin.stderr).toContain('may not list every token; this needs role "admin"');
  });
});

describe('requests without a valid token', () => {
  /** A GET from a given loopback address, for two clients on one machine. */
  function getFrom(localAddress: string, url: string, token: string): Promise<{ status: number; retryAfter: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { localAddress, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('are limited per client address, before their token is looked up', async () => {
    const limited = await startApiServer({
      client: env.client, pool: own.pool, log: testLog, taskQueue: env.taskQueue, port: 0, unauthenticatedRateLimit: { perMinute: 3 },
    });
    try {
      const refusals = async () => (await own.pool.query("SELECT count(*)::int AS n FROM api_token_audit WHERE event = 'refused' AND detail->>'client' = '127.0.0.1'")).rows[0].n as number;
      const before = await refusals();
      for (let i = 0; i < 3; i += 1) expect((await call(limited.url, 'GET', '/v1/me', { token: UNKNOWN_TOKEN })).status).toBe(401);
      const over = await call(limited.url, 'GET', '/v1/me', { token: UNKNOWN_TOKEN });
      expect(over.status).toBe(429);
      expect(over.body).toMatchObject({ type: problemType('rate-limited'), detail: expect.stringContaining('without a valid token came from this address') });
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Not even a valid token is looked up from there until the address has room again.
      expect((await call(limited.url, 'GET', '/v1/me', { token: admin.token })).status).toBe(429);
      expect((await call(limited.url, 'GET', '/v1/me')).status).toBe(429);
      expect(await refusals()).toBe(before + 3);

      // Another client is not held back.
      expect((await getFrom('127.0.0.2', `${limited.url}/v1/me`, admin.token)).status).toBe(200);
      expect((await getFrom('127.0.0.2', `${limited.url}/v1/me`, UNKNOWN_TOKEN)).status).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('campaign api', () => {
  it('serves until SIGTERM, then stops cleanly', async () => {
    const child = spawn(process.execPath, [CLI, 'api', '--port', '0'], {
      env: { ...process.env, ...cliEnv, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    const logged: Array<Record<string, unknown>> = [];
    createInterface({ input: child.stdout! }).on('line', (line) => logged.push(JSON.parse(line) as Record<string, unknown>));
    try {
      const url = await eventually(async () => logged.find((l) => l['msg'] === 'API listening; Ctrl-C stops it')?.['url'] as string | undefined, 'the API to listen');
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const health = await call(url, 'GET', '/healthz');
      expect(health.body).toEqual({ status: 'ok', temporal: 'ok', database: 'ok' });
      const { token } = await createToken(env.pool, { person: 'chen.jing', role: 'manager' });
      const listed = await call(url, 'GET', '/v1/campaigns', { token });
      expect(listed.status).toBe(200);

      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      expect(logged.map((l) => l['msg'])).toContain('API stopped');
      expect(logged).toContainEqual(expect.objectContaining({ route: '/v1/campaigns', status: 200, msg: 'request' }));
      expect(JSON.stringify(logged)).not.toContain(token.slice(4));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
