/**
 * The one place that reads the environment (DESIGN.md §2). Everything else receives a Config.
 */
import { z } from 'zod';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const envSchema = z.object({
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'write host:port, e.g. 127.0.0.1:7233').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Task queue the campaign workers poll; separate queues keep environments apart. */
  TASK_QUEUE: z.string().min(1).default('campaigns'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'write a postgres:// URL').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Path to a `temporal` CLI binary; otherwise PATH, then the Go bin folder. */
  TEMPORAL_CLI: z.string().min(1).optional(),
  /** Base URL of a running sandbox channel platform; without it a worker starts its own. */
  SANDBOX_URL: z.url().optional(),
  /** Language for messages when a command has no --lang (LANG as the shell sets it). */
  LANG: z.string().optional(),
});

export interface Config {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  databaseUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  temporalCli: string | undefined;
  sandboxUrl: string | undefined;
  lang: string | undefined;
  /** Pretty logs for people at a terminal, JSON for machines. */
  prettyLogs: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
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
    temporalAddress: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TASK_QUEUE,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    temporalCli: e.TEMPORAL_CLI,
    sandboxUrl: e.SANDBOX_URL,
    lang: e.LANG,
    prettyLogs: Boolean(process.stdout.isTTY) && env.CI !== 'true',
  };
}
