import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool } from '../../platform/database.js';
import { runCli } from '../helpers/cli.js';
import { uniqueCampaignId } from '../helpers/plans.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/metrics/${name}`, import.meta.url));

let pool: Pool;
let cliEnv: Record<string, string>;
let scratch: string;

beforeAll(async () => {
  const databaseUrl = inject('databaseUrl');
  pool = createPool(databaseUrl, { max: 2 });
  cliEnv = { DATABASE_URL: databaseUrl };
  scratch = await mkdtemp(path.join(os.tmpdir(), 'metrics-import-'));
});
afterAll(async () => {
  await pool?.end();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The campaign row the workflow registers; its first day is 10 March 2027 in Shanghai. */
async function campaign(prefix: string): Promise<string> {
  const id = uniqueCampaignId(prefix);
  const plan = { id, timezone: 'Asia/Shanghai', channels: [{ id: 'douyin' }, { id: 'xiaohongshu' }, { id: 'wechat' }] };
  await pool.query(
    `INSERT INTO campaigns (id, name, owner, plan, started_at) VALUES ($1, '春季新茶上市', 'li.na', $2, '2027-03-09T16:30:00Z')`,
    [id, JSON.stringify(plan)],
  );
  return id;
}

async function rows(campaignId: string) {
  const { rows: found } = await pool.query(
    'SELECT channel_id, day, record_id, clicks, uv, likes, saves, signups, inquiries, orders, spend, revenue FROM metric_observations WHERE campaign_id = $1 ORDER BY day, record_id',
    [campaignId],
  );
  return found;
}

function importFile(file: string, campaignId: string, ...extra: string[]) {
  return runCli(['metrics', 'import', file, '--campaign', campaignId, '--source', `e2e-${campaignId}`, ...extra], cliEnv);
}

describe('campaign metrics import', () => {
  it('imports a UTF-8 CSV with a BOM and Chinese notes, and adds nothing when imported again', async () => {
    const id = await campaign('csv');
    const first = await importFile(fixture('douyin-export.csv'), id, '--json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      campaignId: id, source: `e2e-${id}`, format: 'csv', inserted: 2, duplicates: 0, rejected: [], rejectedTotal: 0, rejectedLines: 0, rejectedReasons: [],
    });
    expect(await rows(id)).toEqual([
      expect.objectContaining({ channel_id: 'douyin', day: 1, record_id: 'dy-20270310', clicks: 3400, likes: 860, spend: 1234.5, revenue: 6150 }),
      expect.objectContaining({ channel_id: 'douyin', day: 2, record_id: 'dy-20270311', clicks: 3100, likes: 700, spend: 1180 }),
    ]);

    const second = await importFile(fixture('douyin-export.csv'), id, '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ inserted: 0, duplicates: 2, rejected: [] });
    expect(await rows(id)).toHaveLength(2);
  });

  it('imports NDJSON and says what it did in a sentence', async () => {
    const id = await campaign('ndjson');
    const result = await importFile(fixture('warehouse.ndjson'), id);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`into campaign ${id} (source "e2e-${id}", ndjson): 3 new row(s), 0 already there.`);
    expect((await rows(id)).map((r) => [r.channel_id, r.day, r.uv, r.signups, r.inquiries, r.spend])).toEqual([
      ['xiaohongshu', 1, 800, 12, 5, 600],
      ['wechat', 2, 400, 0, 14, 250],
      ['xiaohongshu', 2, 760, 9, 0, 580.4],
    ]);
  });

  it('rejects malformed rows by line and field, imports the rest once, and exits 2', async () => {
    const id = await campaign('malformed');
    const first = await importFile(fixture('malformed.csv'), id, '--json');
    expect(first.code).toBe(2);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ inserted: 3, duplicates: 0 });
    expect(report.rejected.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [3, 'channel'], [4, 'record_id'], [5, 'clicks'], [6, 'orders'], [9, 'day'],
    ]);
    expect(report.rejected[0].message).toBe('unknown channel "douyn" for this campaign; did you mean "douyin"?');

    const second = await importFile(fixture('malformed.csv'), id);
    expect(second.code).toBe(2);
    expect(second.stdout).toContain('0 new row(s), 3 already there');
    expect(second.stdout).toContain('5 line(s) were rejected and not imported; every other row was imported.');
    expect(second.stderr).toContain('malformed.csv:3  channel  unknown channel "douyn" for this campaign; did you mean "douyin"?');
    expect(second.stderr).toContain('malformed.csv:9  day  day "x" is not a number');
    expect((await rows(id)).map((r) => r.record_id)).toEqual(['m-1', 'm-6', 'm-10']);
  });

  it('lists the first 50 problems in the terminal, then counts all of them by field', async () => {
    const id = await campaign('many-bad');
    const file = path.join(scratch, 'many-bad.ndjson');
    const line = (i: number) => JSON.stringify(i % 3 === 0 ? { channel: 'douyin', day: 1, record_id: `b-${i}`, colour: 'red' } : { channel: 'douyn', day: 1, record_id: `b-${i}` });
    await writeFile(file, Array.from({ length: 120 }, (_, i) => line(i)).join('\n'));
    const result = await importFile(file, id);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('120 line(s) were rejected and not imported');
    const stderr = result.stderr.trimEnd().split('\n');
    expect(stderr[0]!.startsWith(`${file}:1  colour  unknown field "colour"`)).toBe(true);
    expect(stderr[1]).toBe(`${file}:2  channel  unknown channel "douyn" for this campaign; did you mean "douyin"?`);
    expect(stderr).toHaveLength(53);
    expect(stderr[50]).toBe('… and 70 more problem(s); 120 on 120 line(s) in all (--json lists the first 120):');
    expect(stderr[51]).toBe(`  80  channel, first ${file}:2  unknown channel "douyn" for this campaign; did you mean "douyin"?`);
    expect(stderr[52]!.startsWith(`  40  unknown fields, first ${file}:1  unknown field "colour"`)).toBe(true);
  });

  it('imports nothing from a file whose header names an unknown column', async () => {
    const id = await campaign('header');
    const result = await importFile(fixture('misspelt-header.csv'), id);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('misspelt-header.csv:1  clikcs  unknown column "clikcs"; did you mean "clicks"?');
    expect(await rows(id)).toEqual([]);
  });

  it('explains files it cannot take and campaigns it does not know, without a stack trace', async () => {
    const id = await campaign('refused');
    const gbk = await importFile(fixture('gbk-export.csv'), id);
    expect(gbk.code).toBe(2);
    expect(gbk.stderr).toContain('is not UTF-8 text');

    const huge = path.join(scratch, 'huge.csv');
    await writeFile(huge, '');
    await truncate(huge, 50 * 1024 * 1024 + 1);
    const tooLarge = await importFile(huge, id);
    expect(tooLarge.code).toBe(2);
    expect(tooLarge.stderr).toContain('an import takes at most 50 MiB');

    const missing = await importFile(path.join(scratch, 'nope.csv'), id);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no such file');

    const unknown = await importFile(fixture('douyin-export.csv'), 'no-such-campaign', '--json');
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({
      error: { message: expect.stringContaining('There is no campaign "no-such-campaign" in the records'), exitCode: 2, type: 'CampaignNotFound' },
    });
    for (const r of [gbk, tooLarge, missing, unknown]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
