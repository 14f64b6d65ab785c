/**
 * The worker's secrets: robot URLs and signing secrets of the notify targets plans name, and each
 * webhook channel's signing secret. They come from one YAML file (CAMPAIGN_SECRETS_FILE), read
 * and checked once at worker start, so that a mistake stops the worker with the entry and the fix
 * instead of failing deliveries later. Nothing here travels to Temporal: activities look the
 * secrets up when they send.
 *
 *   notify:
 *     team-robot: { kind: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" }
 *     ops-dingtalk: { kind: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=…", secret: "SEC…" }
 *   channels:
 *     agency: { webhookSecret: "…at least 16 characters…" }
 */
import { readFileSync, statSync } from 'node:fs';
import type { Logger } from 'pino';
import { parse } from 'yaml';
import { z } from 'zod';
import type { NotifyDirectory, RobotEndpoint } from '../activities/notifications/index.js';
import { notifyTargetOf, type WrittenTarget } from '../domain/notifications/targets.js';
import { notifyTargetName, ref } from '../domain/plan/schema.js';
import type { Config } from '../platform/config.js';
import type { OpenCampaignPlan, RecordsStore } from '../store/index.js';

export interface WorkerSecrets {
  /** Robot and webhook notify targets by the names plans use. */
  notify: NotifyDirectory;
  /** The signing secret of a webhook channel; undefined when the worker has none for it. */
  channelWebhookSecret(channelId: string): string | undefined;
}

export class SecretsFileError extends Error {
  override name = 'SecretsFileError';
}

const SECRET_FIX = 'use a random secret of at least 16 characters, e.g. from `openssl rand -hex 32`';
const url = z.url({ protocol: /^https?$/, error: 'write the full address the platform gave you, starting with https://' });

const notifyEndpoint = z.discriminatedUnion('kind', [
  // WeCom and Slack robots have no signing: the key in the URL is the credential.
  z.strictObject({ kind: z.enum(['wecom', 'slack']), url }),
  // DingTalk's 加签 and Feishu's 签名校验 secrets, when the robot has signing turned on.
  z.strictObject({ kind: z.enum(['dingtalk', 'feishu']), url, secret: z.string().min(1, 'write the robot\'s signing secret, or remove secret').optional() }),
  z.strictObject({ kind: z.literal('webhook'), url, secret: z.string().min(16, SECRET_FIX).optional() }),
], { error: 'write kind: wecom, dingtalk, feishu, slack or webhook' });

export const secretsFileSchema = z.strictObject({
  notify: z.record(notifyTargetName, notifyEndpoint).default({}),
  channels: z.record(ref, z.strictObject({ webhookSecret: z.string().min(16, SECRET_FIX) })).default({}),
});

/** Reads the worker's secrets as its configuration says; warns about what is risky or deprecated. */
export function loadWorkerSecrets(config: Pick<Config, 'secretsFile' | 'channelWebhookSecret'>, log: Logger): WorkerSecrets {
  const file = config.secretsFile ? readSecretsFile(config.secretsFile, log) : secretsFileSchema.parse({});
  const fallback = config.channelWebhookSecret;
  if (fallback) {
    log.warn(
      'CHANNEL_WEBHOOK_SECRET is deprecated: one secret for every webhook channel lets each receiver forge requests to the others. '
        + 'Give each channel its own under channels.<channel id>.webhookSecret in CAMPAIGN_SECRETS_FILE; until then it signs the channels without one.',
    );
  }
  return workerSecrets(file, fallback);
}

export function workerSecrets(file: z.output<typeof secretsFileSchema>, fallbackWebhookSecret?: string): WorkerSecrets {
  const notify = new Map<string, RobotEndpoint>(Object.entries(file.notify));
  const channels = new Map(Object.entries(file.channels).map(([id, c]) => [id, c.webhookSecret]));
  return {
    notify,
    channelWebhookSecret: (channelId) => channels.get(channelId) ?? fallbackWebhookSecret,
  };
}

/** The text of a secrets file, checked; errors name the file, each entry and its fix. */
export function parseSecretsFile(text: string, path: string): z.output<typeof secretsFileSchema> {
  let data: unknown;
  try {
    data = parse(text) ?? {};
  } catch (err) {
    throw new SecretsFileError(`${path} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = secretsFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(the file)'}: ${explain(issue)}`);
  throw new SecretsFileError(`${path} (CAMPAIGN_SECRETS_FILE) has mistakes:\n  ${lines.join('\n  ')}`);
}

function readSecretsFile(path: string, log: Logger): z.output<typeof secretsFileSchema> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SecretsFileError(code === 'ENOENT'
      ? `CAMPAIGN_SECRETS_FILE names ${path}, which does not exist: create it (docs/notifications.md, "Secrets file") or unset the variable`
      : `CAMPAIGN_SECRETS_FILE names ${path}, which this worker cannot read (${code ?? 'error'}): let the worker's user read it`);
  }
  // Group or world access lets other accounts on the machine read every robot's key.
  if ((statSync(path).mode & 0o077) !== 0) log.warn({ file: path }, 'the secrets file can be read by other users on this machine: chmod 600 it');
  return parseSecretsFile(text, path);
}

function explain(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    if (issue.path.length === 0) return `${keys}: the file has notify: and channels: only`;
    if (issue.path[0] === 'channels') return `${keys}: a channel takes webhookSecret only`;
    return issue.keys.includes('secret')
      ? 'secret: WeCom and Slack robots have no signing secret (the key is in the url); remove it'
      : `${keys}: a notify target takes kind, url and, for dingtalk, feishu and webhook, secret`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return `missing; add ${String(issue.path.at(-1))}:`;
  if (issue.code === 'invalid_key') return 'a name uses letters, digits, dots, dashes or underscores, e.g. team-robot';
  return issue.message;
}

/**
 * What open campaigns need and this worker's secrets lack: a notify target a plan names but the
 * file does not define, a webhook channel without a signing secret. Plans validate on machines
 * without secrets, so a starting worker is the first that can tell.
 */
export function secretGaps(campaigns: readonly OpenCampaignPlan[], secrets: WorkerSecrets): string[] {
  const gaps: string[] = [];
  for (const { campaignId, plan } of campaigns) {
    for (const member of plan.team) {
      for (const target of (member.notify as WrittenTarget[]).map(notifyTargetOf)) {
        if (!('name' in target)) continue;
        const found = secrets.notify.get(target.name);
        if (found?.kind === target.kind) continue;
        gaps.push(found
          ? `campaign ${campaignId}: ${member.id} is notified by ${target.kind}: ${target.name}, which the secrets file defines as a ${found.kind} target`
          : `campaign ${campaignId}: ${member.id} is notified by ${target.kind}: ${target.name}, which the secrets file does not define: add it under notify:`);
      }
    }
    for (const channel of plan.channels) {
      if (channel.adapter === 'webhook' && secrets.channelWebhookSecret(channel.id) === undefined) {
        gaps.push(`campaign ${campaignId}: webhook channel ${channel.id} has no signing secret: add channels.${channel.id}.webhookSecret`);
      }
    }
  }
  return gaps;
}

/** Logs each gap once at worker start; deliveries to such a target fail and say the same. */
export async function warnAboutSecretGaps(store: Pick<RecordsStore, 'campaigns'>, secrets: WorkerSecrets, log: Logger): Promise<void> {
  for (const gap of secretGaps(await store.campaigns.openTeamsAndChannels(), secrets)) {
    log.warn(`${gap} (CAMPAIGN_SECRETS_FILE, docs/notifications.md)`);
  }
}
