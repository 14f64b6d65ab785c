import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closingRecordActivities } from '../../activities/closing-records.js';
import { createPool } from '../../platform/database.js';
import { createStore } from '../../store/index.js';
import { createLogger } from '../../platform/logger.js';
import { runCli } from '../helpers/cli.js';
import { insertClosedCampaign } from '../helpers/closed-campaign.js';
import { uniqueCampaignId } from '../helpers/plans.js';

let pool: Pool;
let env: Record<string, string>;
let scratch: string;
let caseId: string;
let rehearsalId: string;

beforeAll(async () => {
  const databaseUrl = inject('databaseUrl');
  pool = createPool(databaseUrl, { max: 2 });
  // Nothing else on the machine is asked: no Temporal, no API.
  env = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: '127.0.0.1:1', CAMPAIGN_API_URL: '', CAMPAIGN_API_TOKEN: '' };
  scratch = await mkdtemp(path.join(os.tmpdir(), 'closing-cli-'));
  const closing = closingRecordActivities({ store: createStore(pool), log: createLogger({ logLevel: 'warn', prettyLogs: false }) });
  const campaign = await insertClosedCampaign(pool, { id: uniqueCampaignId('cli-case') });
  await closing.storeCampaignReport({ campaignId: campaign.id, status: campaign.status });
  caseId = campaign.id;
  // The same campaign rehearsed at time scale 1440 on the sandbox, closed the same way.
  const rehearsal = await insertClosedCampaign(pool, { id: uniqueCampaignId('cli-rehearsal'), timeScale: 1440, rehearsal: true });
  await closing.storeCampaignReport({ campaignId: rehearsal.id, status: rehearsal.status });
  rehearsalId = rehearsal.id;
});
afterAll(async () => {
  await pool?.end();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('campaign cases', () => {
  it('searches in Chinese and shows a case', async () => {
    const found = await runCli(['cases', 'search', '提前备货', '--kind', 'xiaohongshu', '--json'], env);
    expect(found.stderr).toBe('');
    expect(found.code).toBe(0);
    const hit = JSON.parse(found.stdout).cases.find((c: { campaignId: string }) => c.campaignId === caseId);
    expect(hit).toMatchObject({ title: '春季新茶上市', strategy: 'content', highlights: ['下次要提前两周备货'] });

    const text = await runCli(['cases', 'search', '提前', '备货'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(caseId);
    expect(text.stdout).toContain('下次要提前两周备货');

    const none = await runCli(['cases', 'search', '备货', '--kind', 'edm'], env);
    expect(none.stdout).not.toContain(caseId);

    const shown = await runCli(['cases', 'show', caseId], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('新品订单');
    expect(shown.stdout).toContain('下次要提前两周备货');
  });

  it('refuses a bad search and an unknown case with exit 2, naming what to fix', async () => {
    const bad = await runCli(['cases', 'search', 'tea', '--since', '2027-13-01'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since');
    const missing = await runCli(['cases', 'show', 'no-such-case'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no case "no-such-case"');
  });
});

describe('campaign plan new --from-case', () => {
  it('writes a draft that `campaign plan validate` accepts', async () => {
    const out = path.join(scratch, 'next.yaml');
    const made = await runCli(['plan', 'new', '--from-case', caseId, '--out', out, '--lang', 'zh-CN'], env);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('channels[0].budget.initial');
    const yaml = await readFile(out, 'utf8');
    expect(yaml).toContain('# 建议:');
    expect(yaml).toContain('下次要提前两周备货');
    const validated = await runCli(['plan', 'validate', out, '--json'], env);
    expect(validated.code).toBe(0);
    expect(JSON.parse(validated.stdout)[0]).toMatchObject({ ok: true, plan: { id: `${caseId}-next`.slice(0, 64) } });
  });
});

describe('rehearsals in the case library', () => {
  it('are left out of searches unless --include-rehearsals, and marked then', async () => {
    const found = await runCli(['cases', 'search', '提前备货', '--json'], env);
    expect(found.code).toBe(0);
    const ids = JSON.parse(found.stdout).cases.map((c: { campaignId: string }) => c.campaignId);
    expect(ids).toContain(caseId);
    expect(ids).not.toContain(rehearsalId);

    const all = await runCli(['cases', 'search', '提前备货', '--include-rehearsals'], env);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`${rehearsalId} (rehearsal)`);
    const shown = await runCli(['cases', 'show', rehearsalId], env);
    expect(shown.stdout).toContain('Rehearsal (time scale 1440; simulated channels');
  });

  it('is refused as the source of a plan draft unless asked, and the draft then says so first', async () => {
    const refused = await runCli(['plan', 'new', '--from-case', rehearsalId, '--lang', 'en'], env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`Case "${rehearsalId}" is a rehearsal`);
    expect(refused.stderr).toContain('--include-rehearsals');

    const out = path.join(scratch, 'from-rehearsal.yaml');
    const made = await runCli(['plan', 'new', '--from-case', rehearsalId, '--include-rehearsals', '--out', out, '--lang', 'en', '--json'], env);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout).suggestions[0]).toMatchObject({ kind: 'rehearsal', path: 'channels' });
    const yaml = await readFile(out, 'utf8');
    expect(yaml.split('\n')[0]).toMatch(new RegExp(`^# !!! case:${rehearsalId} was a REHEARSAL\\. Rehearsal \\(time scale 1440; simulated channels [^)]+\\): .+ check every value against real results before starting\\.$`));
    expect(yaml).toContain('# suggestion (from a rehearsal\'s simulated results):');
    expect((await runCli(['plan', 'validate', out], env)).code).toBe(0);
  });

  it('opens its closing report with what made it a rehearsal', async () => {
    const md = await runCli(['report', rehearsalId, '--lang', 'zh-CN'], env);
    expect(md.code).toBe(0);
    expect(md.stdout.split('\n\n')[1]).toMatch(/^演练\(时间倍率 1440；模拟渠道 .+\)：数据不是真实投放的结果。$/);
    const real = await runCli(['report', caseId, '--lang', 'zh-CN'], env);
    expect(real.stdout).not.toContain('演练(');
  });
});

describe('campaign report', () => {
  it('prints and writes the stored report of a closed campaign', async () => {
    const md = await runCli(['report', caseId, '--lang', 'zh-CN'], env);
    expect(md.stderr).toBe('');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('下次要提前两周备货');

    const out = path.join(scratch, 'report.html');
    const html = await runCli(['report', caseId, '--lang', 'en', '--format', 'html', '--out', out, '--json'], env);
    expect(html.code).toBe(0);
    expect(JSON.parse(html.stdout)).toMatchObject({ campaignId: caseId, lang: 'en', format: 'html', stored: true, out });
    expect(await readFile(out, 'utf8')).toContain('<svg');

    const unknown = await runCli(['report', 'no-such-campaign'], env);
    expect(unknown.code).toBe(2);
  });
});

describe('campaign retro', () => {
  it('refuses incomplete answers with exit 2, naming the option, before contacting anything', async () => {
    const noArrow = await runCli(['retro', caseId, '--as', 'li.na', '--did-not', '素材不足'], env);
    expect(noArrow.code).toBe(2);
    expect(noArrow.stderr).toContain('--did-not (1st): write it as "what did not work => root cause"');

    const badCause = await runCli(['retro', caseId, '--as', 'li.na', '--analysis', 'orders-without-colon'], env);
    expect(badCause.code).toBe(2);
    expect(badCause.stderr).toContain('--analysis (1st)');

    const noCause = await runCli(['retro', caseId, '--as', 'li.na', '--worked', '每日复盘', '--did-not', '素材不足 => '], env);
    expect(noCause.code).toBe(2);
    expect(noCause.stderr).toContain('--did-not (1st) rootCause: give the root cause');
  });

  it('names the answers file\'s field, and asks for at least one answer', async () => {
    const empty = await runCli(['retro', caseId, '--as', 'li.na', '--json'], env);
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.stdout).error.message).toContain('--worked: say at least one thing');

    const file = path.join(scratch, 'answers.yaml');
    await writeFile(file, 'lessons:\n  - text: ""\n');
    const fromFile = await runCli(['retro', caseId, '--as', 'li.na', '--file', file], env);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toContain('--file lessons[0] text: write the lesson');
  });
});

describe('campaign survey import', () => {
  it('stores answers and reports rejected lines with exit 2', async () => {
    const file = path.join(scratch, 'survey.csv');
    await writeFile(file, 'answer_id,question,score,out_of,text\ns1,推荐意愿,9,10,会推荐\ns2,推荐意愿,12,10,\n');
    const imported = await runCli(['survey', 'import', file, '--campaign', caseId, '--json'], env);
    expect(imported.code).toBe(2);
    expect(JSON.parse(imported.stdout)).toMatchObject({ stored: 1, rejected: [{ line: 3, field: 'score' }] });
  });
});
