/** `campaign plan preview` as a user runs it: what the campaign will do, before it is started. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturePlanCommandOutput, output, repo, run, SPRING_TEA, WEBINAR } from '../helpers/plan-command.js';

capturePlanCommandOutput();

/** The spring-tea example with a start date and a note title too long for Xiaohongshu. */
function datedSpringTea(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-preview-'));
  const file = join(dir, 'spring-tea.yaml');
  const text = readFileSync(SPRING_TEA, 'utf8')
    .replace(/^timezone:/m, 'start: 2027-03-01\ntimezone:')
    .replace('title: 三步品出好春茶', 'title: 三步品出好春茶——看汤色、闻香气、品回甘的新手指南');
  writeFileSync(file, text);
  return file;
}

describe('plan preview', () => {
  it('gives the dates of every phase around the launch date (preparation before it) and the durations, in English', async () => {
    expect(await run(['preview', WEBINAR])).toBe(0);
    expect(output.stdout).toContain('preparation  2027-04-04 – 2027-04-11  (8d)');
    expect(output.stdout).toContain('warm-up      2027-04-12 – 2027-04-16  (5d)');
    expect(output.stdout).toContain('rollout      2027-04-17 – 2027-05-07  (21d)');
    expect(output.stdout).toContain('closing      from 2027-05-08');
    expect(output.stdout).toContain('Crisis: ≥25% negative among ≥10 interactions within 12h → crisis, emma.li (Emma Li) approves the statement');
    // A Baidu ad as the platform gets it, and the day it goes out at its slot.
    expect(output.stdout).toContain('    Baidu search ads (baidu) · baidu-sem\n      title: Cloud cost control webinar');
    expect(output.stdout).toContain('2027-04-27  rollout  09:45 edm invitation · 10:30 website invitation · 15:00 baidu search-ads · 20:30 wechat invitation');
    expect(output.stderr).toBe('');
  });

  it('says the campaign starts when started and counts days, with the pilot and crisis rule in Chinese', async () => {
    expect(await run(['preview', '--lang', 'zh-CN', SPRING_TEA])).toBe(0);
    expect(output.stdout).toContain('没有开始日期: 活动在启动时开始, 天数从启动时算起');
    expect(output.stdout).toContain('试点    第 6 天 – 第 12 天  (7d)');
    expect(output.stdout).toContain('试点: xiaohongshu, 20,000 CNY 为期 7d; 通过条件 cvr (转化率) ≥ 0.012; li.na (李娜) 决策');
    expect(output.stdout).toContain('危机: 6h 内互动 ≥ 20 条且负面 ≥ 30% → 触发危机, 由 li.na (李娜) 审批回应声明');
    expect(output.stdout).toContain('内容 (审核关卡 assets)');
    expect(output.stdout).toContain('! 提醒: 抖音不支持该类型或该数量的素材, 已去掉 1 个。');
    expect(output.stdout).toContain('第 14 天  预热  13:08 xiaohongshu teaser · 13:15 wechat teaser');
  });

  it('shows a title as the channel will cut it, with the warning, on the dates of the plan', async () => {
    expect(await run(['preview', '--lang', 'zh-CN', datedSpringTea()])).toBe(0);
    expect(output.stdout).toContain('全面推广  2027-03-11 – 2027-04-09  (30d)');
    expect(output.stdout).toContain('      标题: 三步品出好春茶——看汤色、闻香气、品回…');
    expect(output.stdout).toContain('! 提醒: 标题已为小红书截短到 20 字(原有 25), 请确认仍然通顺。');
    expect(output.stdout).toContain('2027-03-17  全面推广  13:08 xiaohongshu tasting-notes · 13:45 douyin tasting-notes');
  });

  it('prints the same preview as JSON, in the reader\'s language by default', async () => {
    expect(await run(['preview', '--json', WEBINAR], 'zh-CN')).toBe(0);
    const preview = JSON.parse(output.stdout) as { phases: Array<{ phase: string; from?: string }>; calendar: Array<{ date?: string; slots: Array<{ time: string; channelId: string }> }> };
    expect(preview.phases.map((p) => [p.phase, p.from])).toEqual([
      ['preparation', '2027-04-04'], ['warmup', '2027-04-12'], ['rollout', '2027-04-17'], ['closing', '2027-05-08'],
    ]);
    expect(preview.calendar[0]).toMatchObject({ date: '2027-04-27', slots: expect.arrayContaining([{ time: '15:00', channelId: 'baidu', contentId: 'search-ads', n: 1 }]) });
  });

  it('previews no invalid plan: its problems instead, exit 2', async () => {
    expect(await run(['preview', repo('test/fixtures/plans/invalid/content-video-missing.yaml')])).toBe(2);
    expect(output.stderr).toContain("content[0].media  Content 'story': douyin publishes videos; this content has none.");
    expect(output.stdout).toBe('');
  });
});
