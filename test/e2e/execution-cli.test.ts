/**
 * `campaign interactions import`, `schedule`, `pilot` and `crisis` as a person types them, against
 * a campaign started on the real dev server with a worker, and the real records database.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignStatus, startCampaign } from '../../client/campaigns.js';
import { renderGantt } from '../../domain/execution/gantt.js';
import { campaignTestEnv, eventually, type CampaignTestEnv } from '../helpers/campaign-env.js';
import { runCli } from '../helpers/cli.js';
import { rehearsalPlan, uniqueCampaignId } from '../helpers/plans.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/interactions/${name}`, import.meta.url));

let env: CampaignTestEnv;
let cliEnv: Record<string, string>;
let id: string;

beforeAll(async () => {
  env = await campaignTestEnv('execution-cli');
  await env.startWorker();
  cliEnv = { TEMPORAL_ADDRESS: env.temporalAddress, TASK_QUEUE: env.taskQueue, DATABASE_URL: env.databaseUrl };
  id = uniqueCampaignId('exec');
  await startCampaign(env.client, { plan: rehearsalPlan(), campaignId: id, timeScale: 1, taskQueue: env.taskQueue });
  // The workflow registers the campaign's row in the records database a moment after it starts.
  await eventually(async () => {
    const { rowCount } = await env.pool.query('SELECT 1 FROM campaigns WHERE id = $1', [id]);
    return rowCount ? true : undefined;
  }, 'the campaign\'s records');
});
afterAll(() => env?.stop());

describe('campaign interactions import', () => {
  it('imports a Chinese NDJSON file with sentiment scores, and adds nothing the second time', async () => {
    const first = await runCli(['interactions', 'import', fixture('comments.zh.ndjson'), '--campaign', id, '--source', 'xhs-export', '--json'], cliEnv);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      campaignId: id, source: 'xhs-export', format: 'ndjson', inserted: 3, duplicates: 0, rejected: [], rejectedTotal: 0, rejectedLines: 0, rejectedReasons: [],
    });
    const { rows } = await env.pool.query('SELECT item_id, author, score FROM interactions WHERE campaign_id = $1 ORDER BY item_id', [id]);
    expect(rows.map((r) => [r.item_id, r.author])).toEqual([['dy-2001', '茶友阿强'], ['xhs-1001', '爱喝茶的小林'], ['xhs-1002', '品牌官方号']]);
    expect(rows[0].score).toBeLessThan(-0.3);
    expect(rows[1].score).toBeGreaterThan(0.3);

    const again = await runCli(['interactions', 'import', fixture('comments.zh.ndjson'), '--campaign', id, '--source', 'xhs-export'], cliEnv);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(': 0 new item(s), 3 already there.');
  });

  it('lists rejected lines with their line number and field, imports the rest, and exits 2', async () => {
    const file = fixture('with-errors.csv');
    const result = await runCli(['interactions', 'import', file, '--campaign', id, '--source', 'csv-export'], cliEnv);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('1 new item(s)');
    expect(result.stdout).toContain('2 line(s) were rejected');
    expect(result.stderr).toContain(`${file}:3  channel  unknown channel "weibo" for this campaign`);
    expect(result.stderr).toContain(`${file}:4  at  at "2027-03-10" is not an ISO instant`);
  });

  it('refuses an unknown campaign with exit 2', async () => {
    const result = await runCli(['interactions', 'import', fixture('comments.zh.ndjson'), '--campaign', 'no-such-campaign'], cliEnv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no campaign "no-such-campaign"');
  });
});

describe('campaign schedule', () => {
  it('draws the schedule the campaign reports, or says there are no tasks', async () => {
    const status = await campaignStatus(env, id);
    const schedule = status.execution?.schedule;
    const text = await runCli(['schedule', id, '--width', '100'], cliEnv);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    if (schedule && schedule.tasks.length > 0) {
      const header = renderGantt(schedule.tasks, { width: 100, lang: 'en' }).split('\n')[0];
      expect(text.stdout.split('\n')[0]).toBe(header);
      for (const task of schedule.tasks) expect(text.stdout).toContain(task.name);
      expect(text.stdout).toContain('Critical path:');
    } else {
      expect(text.stdout.trim()).toBe(`Campaign ${id} has no tasks to schedule.`);
    }

    const json = await runCli(['schedule', id, '--json'], cliEnv);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(schedule ? JSON.parse(JSON.stringify(schedule)) : null);
  });

  it('refuses a width too narrow for a chart with exit 2', async () => {
    const result = await runCli(['schedule', id, '--width', '20'], cliEnv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('at least 40');
  });
});

describe('campaign pilot and crisis', () => {
  it('checks the input before sending: exit 2 naming the field', async () => {
    const noExtend = await runCli(['pilot', id, 'extend', '--as', 'li.na', '--comment', '数据还不够'], cliEnv);
    expect(noExtend.code).toBe(2);
    expect(noExtend.stderr).toContain('extendBy: say how long to extend the pilot');
    const noComment = await runCli(['pilot', id, 'send-back', '--as', 'li.na'], cliEnv);
    expect(noComment.code).toBe(2);
    expect(noComment.stderr).toContain('comment: say why in a comment');
    const unknown = await runCli(['pilot', id, 'maybe', '--as', 'li.na'], cliEnv);
    expect(unknown.code).toBe(2);
    const noStatement = await runCli(['crisis', id, 'statement', '--as', 'li.na'], cliEnv);
    expect(noStatement.code).toBe(2);
    expect(noStatement.stderr).toContain('statement: write the response statement');
    const noReason = await runCli(['crisis', id, 'start', '--as', 'li.na', '--json'], cliEnv);
    expect(noReason.code).toBe(2);
    expect(JSON.parse(noReason.stdout).error.message).toContain('reason: say why in a reason');
  });

  it('refuses a pilot decision while the campaign is still in preparation: exit 3', async () => {
    const result = await runCli(['pilot', id, 'go', '--as', 'li.na', '--json'], cliEnv);
    expect(JSON.parse(result.stdout).error).toMatchObject({ exitCode: 3 });
    expect(result.code).toBe(3);
  });

  it('refuses approving or ending a crisis when there is none: exit 3', async () => {
    const approve = await runCli(['crisis', id, 'approve', '--as', 'li.na', '--json'], cliEnv);
    expect(JSON.parse(approve.stdout).error).toMatchObject({ exitCode: 3 });
    expect(approve.code).toBe(3);
    const end = await runCli(['crisis', id, 'end', '--as', 'li.na', '--reason', '误报', '--json'], cliEnv);
    expect(JSON.parse(end.stdout).error).toMatchObject({ exitCode: 3 });
    expect(end.code).toBe(3);
  });
});
