/** `campaign tokens create|list|revoke`: who may call the HTTP API, and in which role. */
import { Command, InvalidArgumentError, Option } from 'commander';
import type pg from 'pg';
import { createLogger } from '../../platform/logger.js';
import { CampaignError } from '../campaigns.js';
import { connectRecords } from '../api/records-database.js';
import { createToken, DEFAULT_TTL_DAYS, listTokens, revokeToken, ROLES, type Role } from '../api/tokens.js';
import { config, output } from './context.js';
import { renderTable } from '../render/table.js';

function wholeDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number of days, e.g. 30');
  return n;
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

function createCommand(): Command {
  return new Command('create')
    .description('create a token for a person in a role; it is shown once, only its hash is kept')
    .requiredOption('--person <id>', 'team member id the token speaks for, e.g. li.na')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .option('--ttl-days <n>', 'days until it expires', wholeDays, DEFAULT_TTL_DAYS)
    .option('--label <text>', 'what it is for, e.g. "li.na, approvals from phone"')
    .exitOverride()
    .action(async (opts: { person: string; role: Role; ttlDays: number; label?: string }, cmd: Command) => {
      const created = await withTokenStore((pool) => createToken(pool, opts));
      output(cmd, { ...created, person: opts.person, role: opts.role }, () =>
        [
          `Token ${created.id} for ${opts.person} (${opts.role}), valid until ${created.expiresAt.slice(0, 10)}:`,
          '',
          `  ${created.token}`,
          '',
          'It is shown only now: hand it over privately. It goes in the header "Authorization: Bearer <token>".',
          `Revoke it with: campaign tokens revoke ${created.id}`,
        ].join('\n'),
      );
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('every token ever created, newest first (never the tokens themselves)')
    .exitOverride()
    .action(async (_opts: unknown, cmd: Command) => {
      const tokens = await withTokenStore(listTokens);
      output(cmd, tokens, () =>
        tokens.length === 0
          ? 'No tokens. Create one with: campaign tokens create --person <id> --role <role>'
          : renderTable(
              [{ header: 'id' }, { header: 'person' }, { header: 'role' }, { header: 'state' }, { header: 'expires' }, { header: 'label' }],
              tokens.map((t) => [t.id, t.person, t.role, t.state, t.expiresAt.slice(0, 10), t.label ?? '']),
              '',
            ),
      );
    });
}

function revokeCommand(): Command {
  return new Command('revoke')
    .description('revoke a token at once; requests with it are refused from now on')
    .argument('<id>', 'token id (campaign tokens list)')
    .exitOverride()
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const outcome = await withTokenStore((pool) => revokeToken(pool, id));
      if (outcome === 'not-found') throw new CampaignError(`There is no token "${id}". \`campaign tokens list\` shows them.`, 2);
      output(cmd, { id, outcome }, () => (outcome === 'revoked' ? `Token ${id} revoked.` : `Token ${id} was already revoked.`));
    });
}

export function tokensCommand(): Command {
  return new Command('tokens')
    .description('API tokens: who may call the HTTP API, and in which role (ops, approver, manager)')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(revokeCommand());
}
