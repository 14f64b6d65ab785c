/**
 * `campaign tokens create|list|revoke|audit`: who may call the HTTP API, and in which role. An
 * admin administers tokens through the API (CAMPAIGN_API_URL or --api, with their admin token in
 * CAMPAIGN_API_TOKEN). The records database is used for one thing only: bootstrapping the first
 * admin, while there is none, so whoever can reach the database cannot mint tokens for anyone.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type pg from 'pg';
import { ErrorType } from '../../domain/errors.js';
import { createLogger } from '../../platform/logger.js';
import { CampaignError } from '../campaigns.js';
import { connectRecords } from '../api/records-database.js';
import { bootstrapAdmin, DEFAULT_TTL_DAYS, ROLES, type IssuedToken, type Role, type TokenAdministration } from '../api/tokens.js';
import { HttpOperations } from '../operations/http.js';
import { apiTarget, config, output } from './context.js';
import { renderTable } from '../render/table.js';

function wholeDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number of days, e.g. 30');
  return n;
}

/** Without an API, nothing but the first admin's bootstrap: say how to go through the API instead. */
function throughApiOnly(): CampaignError {
  return new CampaignError(
    'Tokens are issued, listed and revoked by an admin through the API: set CAMPAIGN_API_URL (or --api) and CAMPAIGN_API_TOKEN ' +
      'to your admin token. If there is no admin yet, bootstrap the first one: campaign tokens create --role admin --person <your id>.',
    3, ErrorType.NotAuthorised,
  );
}

/** Runs `fn` as the admin whose token this invocation sends to the API. */
async function asAdmin<T>(cmd: Command, fn: (admin: TokenAdministration) => Promise<T>): Promise<T> {
  const target = apiTarget(cmd);
  if (!target) throw throughApiOnly();
  return fn(new HttpOperations(target));
}

/** Runs `fn` against the records database; stdout stays for the command's own output. */
async function withTokenStore<T>(fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const log = createLogger({ logLevel: 'warn', prettyLogs: false }, process.stderr);
  const records = await connectRecords(config(), log);
  try {
    return await fn(records.pool);
  } finally {
    await records.close();
  }
}

interface CreateOptions {
  person: string;
  role: Role;
  ttlDays: number;
  label?: string;
}

async function issue(cmd: Command, opts: CreateOptions): Promise<{ issued: IssuedToken; bootstrapped: boolean }> {
  if (apiTarget(cmd)) return { issued: await asAdmin(cmd, (admin) => admin.issueToken(opts)), bootstrapped: false };
  if (opts.role !== 'admin') throw throughApiOnly();
  return { issued: await withTokenStore((pool) => bootstrapAdmin(pool, opts)), bootstrapped: true };
}

function createCommand(): Command {
  return new Command('create')
    .description('issue a token for a person in a role (an admin, through the API; or the first admin, once); shown once, only its hash is kept')
    .requiredOption('--person <id>', 'team member id the token speaks for, e.g. li.na')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .option('--ttl-days <n>', 'days until it expires', wholeDays, DEFAULT_TTL_DAYS)
    .option('--label <text>', 'what it is for, e.g. "li.na, approvals from phone"')
    .exitOverride()
    .action(async (opts: CreateOptions, cmd: Command) => {
      const { issued, bootstrapped } = await issue(cmd, opts);
      output(cmd, issued, () =>
        [
          `Token ${issued.id} for ${issued.person} (${issued.role}), valid until ${issued.expiresAt.slice(0, 10)}:`,
          '',
          `  ${issued.token}`,
          '',
          'It is shown only now: hand it over privately. It goes in the header "Authorization: Bearer <token>".',
          ...(bootstrapped
            ? ['This is the first admin: from now on tokens are issued, listed and revoked through the API with it (CAMPAIGN_API_URL, CAMPAIGN_API_TOKEN).']
            : [`Revoke it with: campaign tokens revoke ${issued.id}`]),
        ].join('\n'),
      );
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('every token ever issued, newest first, with who issued it (never the tokens themselves); admins, through the API')
    .exitOverride()
    .action(async (_opts: unknown, cmd: Command) => {
      const tokens = await asAdmin(cmd, (admin) => admin.listTokens());
      output(cmd, tokens, () =>
        renderTable(
          [{ header: 'id' }, { header: 'person' }, { header: 'role' }, { header: 'state' }, { header: 'expires' }, { header: 'issued by' }, { header: 'last used' }, { header: 'label' }],
          tokens.map((t) => [
            t.id, t.person, t.role, t.state, t.expiresAt.slice(0, 10), t.issuedBy ?? t.issuedVia,
            t.lastUsedAt?.replace('T', ' ').slice(0, 16) ?? '', t.label ?? '',
          ]),
          '',
        ),
      );
    });
}

function revokeCommand(): Command {
  return new Command('revoke')
    .description('revoke a token at once; requests with it are refused from now on; admins, through the API')
    .argument('<id>', 'token id (campaign tokens list)')
    .exitOverride()
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const outcome = await asAdmin(cmd, (admin) => admin.revokeToken(id));
      output(cmd, { id, outcome }, () => (outcome === 'revoked' ? `Token ${id} revoked.` : `Token ${id} was already revoked.`));
    });
}

function auditCommand(): Command {
  return new Command('audit')
    .description('a token\'s audit: issued (by whom), the minutes it was used in, refused requests, revoked; admins, through the API')
    .argument('<id>', 'token id (campaign tokens list)')
    .exitOverride()
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const entries = await asAdmin(cmd, (admin) => admin.tokenAudit(id));
      output(cmd, entries, () =>
        renderTable(
          [{ header: 'when' }, { header: 'what' }, { header: 'who' }, { header: 'detail' }],
          entries.map((e) => [
            e.at.replace('T', ' ').slice(0, 19), e.event, e.actor ?? '',
            Object.entries(e.detail).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; '),
          ]),
          '',
        ),
      );
    });
}

export function tokensCommand(): Command {
  return new Command('tokens')
    .description(`API tokens: who may call the HTTP API, and in which role (${ROLES.join(', ')})`)
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(revokeCommand())
    .addCommand(auditCommand());
}
