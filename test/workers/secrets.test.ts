/** The worker's secrets file: read at start, mistakes named with their fix, gaps in open campaigns warned about. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Pool } from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { planSchema } from '../../domain/plan/schema.js';
import { createPool } from '../../platform/database.js';
import { createStore } from '../../store/index.js';
import { loadWorkerSecrets, parseSecretsFile, SecretsFileError, warnAboutSecretGaps, workerSecrets } from '../../workers/secrets.js';
import { gatePlan, uniqueCampaignId } from '../helpers/plans.js';

const dir = mkdtempSync(join(tmpdir(), 'campaign-secrets-'));
let pool: Pool;

beforeAll(() => {
  pool = createPool(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await pool?.end();
});

/** A logger whose warnings the test reads. */
function capturingLog() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(JSON.parse(chunk.toString()).msg); done(); } });
  return { log: pino({ level: 'warn' }, stream), warnings: lines };
}

function secretsFile(text: string, mode = 0o600): string {
  const path = join(dir, `${uniqueCampaignId('secrets')}.yaml`);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

const mistakesOf = (text: string): string => {
  try {
    parseSecretsFile(text, 'secrets.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(SecretsFileError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('secrets file', () => {
  it('gives notify targets by name and each webhook channel its own secret', () => {
    const file = secretsFile([
      'notify:',
      '  team-robot: { kind: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k" }',
      '  ops-dingtalk: { kind: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=t", secret: SECx }',
      'channels:',
      '  agency: { webhookSecret: agency-secret-0123456789 }',
    ].join('\n'));
    const { log, warnings } = capturingLog();
    const secrets = loadWorkerSecrets({ secretsFile: file, channelWebhookSecret: undefined }, log);
    expect(secrets.notify.get('ops-dingtalk')).toEqual({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SECx' });
    expect(secrets.channelWebhookSecret('agency')).toBe('agency-secret-0123456789');
    expect(secrets.channelWebhookSecret('weibo')).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('names each mistaken entry and its fix', () => {
    const message = mistakesOf([
      'notify:',
      '  team-robot: { kind: wecom, url: "https://qyapi.weixin.qq.com/x?key=k", secret: abc }',
      '  ops-hook: { kind: webhook, url: not-an-address, secret: short }',
      '  pager: { kind: pager, url: "https://pager.example" }',
      '  "bad name": { kind: slack, url: "https://hooks.slack.com/services/x" }',
      'channels:',
      '  agency: { webhookSecret: short }',
    ].join('\n'));
    expect(message).toContain('secrets.yaml (CAMPAIGN_SECRETS_FILE) has mistakes:');
    expect(message).toContain('notify.team-robot: secret: WeCom and Slack robots have no signing secret (the key is in the url); remove it');
    expect(message).toContain('notify.ops-hook.url: write the full address the platform gave you, starting with https://');
    expect(message).toContain('notify.ops-hook.secret: use a random secret of at least 16 characters');
    expect(message).toContain('notify.pager.kind: write kind: wecom, dingtalk, feishu, slack or webhook');
    expect(message).toContain('a name uses letters, digits, dots, dashes or underscores, e.g. team-robot');
    expect(message).toContain('channels.agency.webhookSecret: use a random secret of at least 16 characters');
  });

  it('says so when the file named is missing, and warns when others can read it', () => {
    const { log, warnings } = capturingLog();
    expect(() => loadWorkerSecrets({ secretsFile: join(dir, 'nope.yaml'), channelWebhookSecret: undefined }, log))
      .toThrow(/names .*nope\.yaml, which does not exist: create it \(docs\/notifications\.md, "Secrets file"\) or unset the variable/);
    loadWorkerSecrets({ secretsFile: secretsFile('notify: {}\n', 0o644), channelWebhookSecret: undefined }, log);
    expect(warnings).toEqual(['the secrets file can be read by other users on this machine: chmod 600 it']);
  });

  it('accepts the shared CHANNEL_WEBHOOK_SECRET only for channels without their own, with a warning', () => {
    const { log, warnings } = capturingLog();
    const file = secretsFile('channels:\n  agency: { webhookSecret: agency-secret-0123456789 }\n');
    const secrets = loadWorkerSecrets({ secretsFile: file, channelWebhookSecret: 'old-shared-secret-0123456' }, log);
    expect(secrets.channelWebhookSecret('agency')).toBe('agency-secret-0123456789');
    expect(secrets.channelWebhookSecret('weibo')).toBe('old-shared-secret-0123456');
    expect(warnings[0]).toMatch(/^CHANNEL_WEBHOOK_SECRET is deprecated: one secret for every webhook channel lets each receiver forge requests to the others/);
  });
});

describe('worker start', () => {
  it('warns about the targets and channels open campaigns need that the secrets file lacks', async () => {
    const plan = gatePlan({
      team: [
        { id: 'olivia', name: 'Olivia', roles: ['pm'], notify: [{ wecom: 'team-robot' }, { feishu: 'ops-robot' }, { slack: 'known' }, { email: 'olivia@example.com' }] },
      ],
      gates: [{ id: 'goals', title: 'Goals', accountable: 'olivia' }],
      channels: [{ id: 'agency', kind: 'custom', adapter: 'webhook', url: 'https://agency.example/hooks', budget: { initial: 100, max: 200 } }],
    });
    const campaignId = uniqueCampaignId('secret-gaps');
    await createStore(pool).campaigns.register({ campaignId, plan: planSchema.parse(plan), timeScale: 1 });
    const secrets = workerSecrets(parseSecretsFile('notify:\n  known: { kind: slack, url: "https://hooks.slack.com/services/x" }\n  team-robot: { kind: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=t" }\n', 'secrets.yaml'));
    const { log, warnings } = capturingLog();
    await warnAboutSecretGaps(createStore(pool), secrets, log);
    expect(warnings.filter((w) => w.startsWith(`campaign ${campaignId}:`))).toEqual([
      `campaign ${campaignId}: olivia is notified by wecom: team-robot, which the secrets file defines as a dingtalk target (CAMPAIGN_SECRETS_FILE, docs/notifications.md)`,
      `campaign ${campaignId}: olivia is notified by feishu: ops-robot, which the secrets file does not define: add it under notify: (CAMPAIGN_SECRETS_FILE, docs/notifications.md)`,
      `campaign ${campaignId}: webhook channel agency has no signing secret: add channels.agency.webhookSecret (CAMPAIGN_SECRETS_FILE, docs/notifications.md)`,
    ]);
  });
});
