/**
 * The one place that reads the environment (DESIGN.md §2). Everything else receives a Config, or
 * asks here for what a child process or a PATH search needs.
 */
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { resolveTemporalTarget, TEMPORAL_ADDRESS_HINT, TEMPORAL_ADDRESS_PATTERN, type TemporalTarget } from './temporal-profile.js';

export { ConfigError } from './config-error.js';

/** The mail server e-mail notifications go through (SMTP_URL, SMTP_FROM). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** true for implicit TLS (usually port 465); false upgrades with STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** The sender, e.g. `"Campaigns" <campaigns@example.com>`. */
  from: string;
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const envSchema = z.object({
  // Temporal's environment configuration (platform/temporal-profile.ts): these win over the
  // temporal.toml profile that TEMPORAL_CONFIG_FILE and TEMPORAL_PROFILE pick.
  TEMPORAL_ADDRESS: z.string().regex(TEMPORAL_ADDRESS_PATTERN, TEMPORAL_ADDRESS_HINT).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: z.enum(['true', 'false', '1', '0'], { error: 'write true or false' }).optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CLIENT_CERT_DATA: z.string().min(1).optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CLIENT_KEY_DATA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** Temporal's TypeScript SDK cannot skip the check of the server's name, so only "off" is accepted. */
  TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: z.enum(['false', '0'], {
    error: 'the server\'s name cannot be left unchecked here: set TEMPORAL_TLS_SERVER_NAME to a name in its certificate instead, and unset this',
  }).optional(),
  TEMPORAL_PROFILE: z.string().min(1).optional(),
  TEMPORAL_CONFIG_FILE: z.string().min(1).optional(),
  /** Task queue the campaign workers poll; separate queues keep environments apart. */
  TASK_QUEUE: z.string().min(1).default('campaigns'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'write a postgres:// URL').optional(),
  /** The most connections a worker opens to DATABASE_URL (an embedded database admits one at a time). */
  DATABASE_MAX_CONNECTIONS: z.coerce.number().int().min(1, 'write a whole number of at least 1').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Path to a `temporal` CLI binary; otherwise PATH, then the Go bin folder. */
  TEMPORAL_CLI: z.string().min(1).optional(),
  /** Base URL of a running sandbox channel platform; without it a worker starts its own. */
  SANDBOX_URL: z.url().optional(),
  /**
   * The worker's secrets: notify targets' robot URLs and signing secrets, each webhook channel's
   * signing secret (docs/notifications.md, "Secrets file"). Plans name targets; this holds them.
   */
  CAMPAIGN_SECRETS_FILE: z.string().min(1).optional(),
  /**
   * Deprecated: one signing secret for every webhook channel, so each receiver could forge requests
   * to the others. Used only for channels without their own in the secrets file.
   */
  CHANNEL_WEBHOOK_SECRET: z.string().min(16, 'use a random secret of at least 16 characters, e.g. from `openssl rand -hex 32`').optional(),
  /** Mail server for e-mail notifications, e.g. smtps://user:pass@mail.example.com:465 */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'write smtp://host:port or smtps://user:pass@host:465').optional(),
  /** The sender of e-mail notifications. */
  SMTP_FROM: z.string().min(3).default('Campaigns <campaigns@localhost>'),
  /** Language for messages when a command has no --lang (LANG as the shell sets it). */
  LANG: z.string().optional(),
  /** The HTTP API the CLI goes through instead of Temporal and PostgreSQL (docs/api.md). */
  CAMPAIGN_API_URL: z.url({ protocol: /^https?$/, error: 'write the API\'s base URL, e.g. http://127.0.0.1:8080' }).optional(),
  /** The token the CLI sends to that API; it says who is acting. */
  CAMPAIGN_API_TOKEN: z.string().min(1).optional(),
  /** The key file this process signs people's Updates with (docs/security.md). */
  CAMPAIGN_SIGNING_KEY: z.string().min(1).optional(),
  /** The keyring (public keys) a campaign started here must be signed with. */
  CAMPAIGN_TRUSTED_KEYS: z.string().min(1).optional(),
});

export interface Config {
  /** Where and how to reach Temporal: address, namespace, TLS, API key (platform/temporal-connection.ts). */
  temporal: TemporalTarget;
  taskQueue: string;
  databaseUrl: string | undefined;
  /** Pool size for the worker's database connections; the pool's own default when unset. */
  databaseMaxConnections: number | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  temporalCli: string | undefined;
  sandboxUrl: string | undefined;
  lang: string | undefined;
  smtp: SmtpSettings | undefined;
  /** Path of the worker's secrets file (notify targets, webhook channels' signing secrets). */
  secretsFile: string | undefined;
  /** Deprecated shared signing secret for webhook channels without their own. */
  channelWebhookSecret: string | undefined;
  /** With apiToken: the CLI goes through the HTTP API at this URL. */
  apiUrl: string | undefined;
  apiToken: string | undefined;
  /** Signing: this process's key file, and the keyring new campaigns trust (docs/security.md). */
  signingKeyFile: string | undefined;
  trustedKeysFile: string | undefined;
  /** Pretty logs for people at a terminal, JSON for machines. */
  prettyLogs: boolean;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as shells commonly leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    temporal: resolveTemporalTarget(present as Record<string, string>),
    taskQueue: e.TASK_QUEUE,
    databaseUrl: e.DATABASE_URL,
    databaseMaxConnections: e.DATABASE_MAX_CONNECTIONS,
    logLevel: e.LOG_LEVEL,
    temporalCli: e.TEMPORAL_CLI,
    sandboxUrl: e.SANDBOX_URL,
    lang: e.LANG,
    smtp: e.SMTP_URL ? smtpSettings(e.SMTP_URL, e.SMTP_FROM) : undefined,
    secretsFile: e.CAMPAIGN_SECRETS_FILE,
    channelWebhookSecret: e.CHANNEL_WEBHOOK_SECRET,
    apiUrl: e.CAMPAIGN_API_URL,
    apiToken: e.CAMPAIGN_API_TOKEN,
    signingKeyFile: e.CAMPAIGN_SIGNING_KEY,
    trustedKeysFile: e.CAMPAIGN_TRUSTED_KEYS,
    prettyLogs: Boolean(process.stdout.isTTY) && env.CI !== 'true',
  };
}

function smtpSettings(url: string, from: string): SmtpSettings {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    from,
    ...(parsed.username ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } } : {}),
  };
}

/**
 * The locale as the shell sets it (LANG), read on its own: the CLI picks its language before the
 * rest of the configuration is validated, so a bad setting is reported in the reader's language.
 */
export function localeSetting(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.LANG || undefined;
}

/** The directories PATH names, for finding executables. */
export function executableSearchPath(env: Record<string, string | undefined> = process.env): string {
  return env.PATH ?? '';
}

/** This process's environment with some variables set, for a child process that needs them. */
export function environmentWith(
  extra: Record<string, string>, env: Record<string, string | undefined> = process.env,
): Record<string, string | undefined> {
  return { ...env, ...extra };
}
