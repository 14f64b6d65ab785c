/**
 * A robot's URL and signing secret never enter a campaign's history: the plan names the robot, and
 * the worker's secrets file says where it is. Whoever can read the workflow in Temporal (its UI,
 * `temporal workflow show`) sees the name only, while the robot still receives signed messages.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCampaign } from '../../client/campaigns.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import { parseSecretsFile, workerSecrets } from '../../workers/secrets.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { gatePlan, scaleForDay, uniqueCampaignId } from '../helpers/plans.js';

const ACCESS_TOKEN = 'dingtalk-access-token-3f9a1c';
const SIGNING_SECRET = 'SEC-robot-signing-secret-77d2';

let env: CampaignTestEnv;
let sink: HttpSink;

beforeAll(async () => {
  [env, sink] = await Promise.all([campaignTestEnv('notify-secrets'), startHttpSink()]);
  const secretsFile = `notify:\n  team-robot: { kind: dingtalk, url: "${sink.url}/dingtalk/team?access_token=${ACCESS_TOKEN}", secret: ${SIGNING_SECRET} }\n`;
  await env.startWorker({ secrets: workerSecrets(parseSecretsFile(secretsFile, 'secrets.yaml')) });
});
afterAll(async () => {
  await env?.stop();
  await sink?.close();
});

/** Every byte string in the history (payloads of inputs, results, markers), as text, with the rest. */
function historyText(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(historyText).join('\n');
  if (value !== null && typeof value === 'object') return Object.values(value).map(historyText).join('\n');
  return String(value);
}

describe('notify targets by name', () => {
  it('delivers a signed message to the robot while its URL and secret appear nowhere in the history', async () => {
    const plan = gatePlan({
      team: [
        { id: 'olivia', name: 'Olivia', roles: ['pm'], notify: [{ dingtalk: 'team-robot' }] },
        { id: 'ben', name: 'Ben', roles: ['content'] },
      ],
      gates: [{ id: 'goals', title: 'Goals', accountable: 'olivia' }],
    });
    const campaignId = uniqueCampaignId('notify-secrets');
    await startCampaign(env.client, { plan, campaignId, timeScale: scaleForDay(3_600_000), taskQueue: env.taskQueue });

    const request = await eventually(async () => sink.to('/dingtalk/team')[0], 'the gate-waiting message at the robot');
    const timestamp = request.query.get('timestamp')!;
    expect(request.query.get('access_token')).toBe(ACCESS_TOKEN);
    expect(request.query.get('sign')).toBe(createHmac('sha256', SIGNING_SECRET).update(`${timestamp}\n${SIGNING_SECRET}`).digest('base64'));
    expect((request.json as { markdown: { title: string } }).markdown.title).toContain('Goals');

    // Once the delivery is recorded, the activity's completion is in the history too.
    await eventually(async () => {
      const { rows } = await env.pool.query(`SELECT 1 FROM notification_deliveries WHERE campaign_id = $1 AND status = 'delivered'`, [campaignId]);
      return rows.length > 0 ? true : undefined;
    }, 'the delivery record');
    const handle = env.client.workflow.getHandle(campaignWorkflowId(campaignId));
    const history = await eventually(async () => {
      const found = await handle.fetchHistory();
      return found.events?.some((e) => e.activityTaskCompletedEventAttributes) ? found : undefined;
    }, 'the notification activity completed in the history');

    const text = historyText(history);
    // The history's payloads are read: the plan and the activity input name the robot…
    expect(text).toContain('"dingtalk":"team-robot"');
    expect(text).toContain('"name":"team-robot"');
    // …and nothing of where it is or how it signs.
    expect(text).not.toContain(ACCESS_TOKEN);
    expect(text).not.toContain(SIGNING_SECRET);
    expect(text).not.toContain(sink.url);
    expect(text).not.toContain('/dingtalk/team');
    await handle.terminate('test done');
  });
});
