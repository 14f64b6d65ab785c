/**
 * Tokens: how they are made, stored, checked and revoked; the `campaign tokens` commands; and
 * `campaign api` as its own process.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type RunningApiServer } from '../../client/api/server.js';
import { authenticate, createToken, listTokens, revokeToken } from '../../client/api/tokens.js';
import { CampaignError } from '../../client/campaigns.js';
import { campaignTestEnv, eventually, testLog, type CampaignTestEnv } from '../helpers/campaign-env.js';
import type { CliResult } from '../helpers/cli.js';
import { call, problemType } from './api-env.js';

const CLI = fileURLToPath(new URL('../../bin/campaign.js', import.meta.url));

let env: CampaignTestEnv;
let server: RunningApiServer;
let cliEnv: Record<string, string>;

beforeAll(async () => {
  env = await campaignTestEnv('api-tokens');
  server = await startApiServer({ client: env.client, pool: env.pool, log: testLog, taskQueue: env.taskQueue, port: 0 });
  cliEnv = { DATABASE_URL: env.databaseUrl, TEMPORAL_ADDRESS: env.temporalAddress, TASK_QUEUE: env.taskQueue, LOG_LEVEL: 'warn' };
});
afterAll(async () => {
  await server?.close();
  await env?.stop();
});

function campaignCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...cliEnv }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('tokens', () => {
  it('are random, prefixed, and stored only as their SHA-256', async () => {
    const a = await createToken(env.pool, { person: 'li.na', role: 'approver', label: 'phone' });
    const b = await createToken(env.pool, { person: 'li.na', role: 'approver' });
    expect(a.token).toMatch(/^cpn_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    const { rows } = await env.pool.query('SELECT * FROM api_tokens WHERE id = $1', [a.id]);
    expect(rows[0]).toMatchObject({ person: 'li.na', role: 'approver', label: 'phone', revoked_at: null });
    expect(rows[0].token_hash).toBe(createHash('sha256').update(a.token).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(a.token.slice(4));
    const days = (rows[0].expires_at.getTime() - rows[0].created_at.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(90, 3);
  });

  it('identify their person and role until they expire or are revoked', async () => {
    const { id, token } = await createToken(env.pool, { person: 'zhao.lei', role: 'approver', ttlDays: 1 });
    expect(await authenticate(env.pool, token)).toEqual({ ok: true, caller: { person: 'zhao.lei', role: 'approver', tokenId: id } });
    expect(await authenticate(env.pool, undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(await authenticate(env.pool, 'cpn_short')).toEqual({ ok: false, reason: 'malformed' });
    expect(await authenticate(env.pool, `cpn_${'B'.repeat(43)}`)).toEqual({ ok: false, reason: 'unknown' });

    await env.pool.query("UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    expect(await authenticate(env.pool, token)).toEqual({ ok: false, reason: 'expired' });
    expect((await listTokens(env.pool)).find((t) => t.id === id)?.state).toBe('expired');

    expect(await revokeToken(env.pool, id)).toBe('revoked');
    expect(await revokeToken(env.pool, id)).toBe('already-revoked');
    expect(await revokeToken(env.pool, '00000000-0000-0000-0000-000000000000')).toBe('not-found');
    expect(await revokeToken(env.pool, 'not-an-id')).toBe('not-found');
    expect(await authenticate(env.pool, token)).toEqual({ ok: false, reason: 'revoked' });
    expect((await listTokens(env.pool)).find((t) => t.id === id)).toMatchObject({ state: 'revoked', person: 'zhao.lei' });
  });

  it('refuse to be made for a role, person or lifetime that makes no sense', async () => {
    for (const opts of [
      { person: 'li.na', role: 'admin' },
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

describe('campaign tokens', () => {
  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const created = await campaignCli(['tokens', 'create', '--person', 'wang.wei', '--role', 'manager', '--ttl-days', '7', '--label', 'weekly report', '--json']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toBe('');
    const { id, token, expiresAt } = JSON.parse(created.stdout) as { id: string; token: string; expiresAt: string };
    expect(token).toMatch(/^cpn_/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const inbox = await call(server.url, 'GET', '/v1/inbox', { token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.person).toBe('wang.wei');

    const listed = await campaignCli(['tokens', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(token.slice(4));
    const rows = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(rows.find((r) => r['id'] === id)).toMatchObject({ person: 'wang.wei', role: 'manager', label: 'weekly report', state: 'active' });
    const text = await campaignCli(['tokens', 'list']);
    expect(text.stdout).toMatch(new RegExp(`${id}\\s+wang\\.wei\\s+manager\\s+active`));

    const revoked = await campaignCli(['tokens', 'revoke', id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Token ${id} revoked.`);
    const refused = await call(server.url, 'GET', '/v1/inbox', { token });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ type: problemType('unauthenticated'), detail: expect.stringContaining('revoked') });
  });

  it('prints the token once in words a person can act on', async () => {
    const created = await campaignCli(['tokens', 'create', '--person', 'li.na', '--role', 'approver']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^Token [0-9a-f-]{36} for li\.na \(approver\), valid until \d{4}-\d{2}-\d{2}:\n\n {2}cpn_[A-Za-z0-9_-]{43}\n/);
    expect(created.stdout).toContain('shown only now');
  });

  it('exits 2 on a usage mistake or an unknown token', async () => {
    const role = await campaignCli(['tokens', 'create', '--person', 'li.na', '--role', 'admin']);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('Allowed choices are ops, approver, manager');
    const person = await campaignCli(['tokens', 'create', '--role', 'ops']);
    expect(person.code).toBe(2);
    const unknown = await campaignCli(['tokens', 'revoke', '00000000-0000-0000-0000-000000000000']);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain('There is no token "00000000-0000-0000-0000-000000000000"');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
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
