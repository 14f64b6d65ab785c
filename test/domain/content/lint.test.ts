import { describe, expect, it } from 'vitest';
import { lintPlanContent, lintVariant } from '../../../domain/content/lint.js';
import { buildVariant, type ContentItem } from '../../../domain/content/variants.js';

const textOnly: ContentItem = { id: 'story', title: '一杯春茶的旅程', body: '从茶园到茶杯。', media: [], tags: [] };
const rules = (content: ContentItem, kind: Parameters<typeof buildVariant>[1]['kind']) =>
  lintVariant(buildVariant(content, { id: kind, kind })).map((v) => `${v.severity}:${v.rule}`);

describe('content lint', () => {
  it('refuses a Douyin post without a video, a Xiaohongshu note without an image, a WeChat article without a cover', () => {
    expect(rules(textOnly, 'douyin')).toEqual(['error:video-missing']);
    expect(rules(textOnly, 'xiaohongshu')).toEqual(['error:image-missing']);
    expect(rules(textOnly, 'wechat-oa')).toEqual(['error:cover-missing']);
    expect(rules(textOnly, 'weibo')).toEqual([]);
  });

  it('reports a Baidu ad title over 50 bytes, which may not be cut', () => {
    const ad = { ...textOnly, title: '春季新茶上市限时优惠明前龙井买二送一官方旗舰店直营店' };
    const [violation] = lintVariant(buildVariant(ad, { id: 'baidu', name: '百度搜索', kind: 'baidu-sem' }));
    expect(violation).toMatchObject({ contentId: 'story', channelId: 'baidu', rule: 'title-too-long', severity: 'error' });
    expect(violation!.message.en).toBe('The title for 百度搜索 has 52 bytes (a Chinese character counts 2); 百度搜索 takes at most 50 and may not be cut automatically.');
    expect(violation!.fix!['zh-CN']).toBe('请把标题改写到 50 字节(一个汉字计 2 字节)以内。');
  });

  it('warns about an e-mail subject longer than inboxes show', () => {
    const mail = { ...textOnly, title: 'Stop guessing your cloud bill: a live session on cost control for IT and finance teams' };
    expect(rules(mail, 'edm')).toEqual(['warning:title-long']);
  });

  it('reports an empty body where a person must write one', () => {
    expect(rules({ ...textOnly, body: '' }, 'edm')).toEqual(['error:body-empty']);
  });

  it('checks a hand-made variant against the kind it is published to', () => {
    const variant = { ...buildVariant(textOnly, { id: 'weibo', kind: 'weibo' }), tags: ['#春茶', '#ok#'] };
    expect(lintVariant(variant).map((v) => v.rule)).toEqual(['tag-form']);
    const nineteen = Array.from({ length: 10 }, (_, i) => ({ kind: 'image' as const, url: `i${i}.jpg` }));
    expect(lintVariant({ ...variant, tags: [], media: nineteen }, 'weibo').map((v) => v.rule)).toEqual(['too-many-images']);
    expect(lintVariant({ ...variant, tags: [], title: 'x'.repeat(21) }, 'xiaohongshu').map((v) => v.rule)).toEqual(['title-too-long', 'image-missing']);
  });

  it('lints every content item for every channel it names, with the builder\'s changes as warnings', () => {
    const plan = {
      channels: [
        { id: 'xhs', name: '小红书', kind: 'xiaohongshu' as const, adapter: 'sandbox' as const, budget: { initial: 0, min: 0, max: 0 }, peakHours: [] },
        { id: 'dy', kind: 'douyin' as const, adapter: 'sandbox' as const, budget: { initial: 0, min: 0, max: 0 }, peakHours: [] },
      ],
      content: [
        { ...textOnly, title: '一杯春茶的旅程: 从明前采摘到你手中的那一杯', media: [{ kind: 'image' as const, url: 'a.jpg' }], channels: ['xhs', 'dy', 'nowhere'], phase: 'rollout' as const, posts: 1 },
      ],
    };
    expect(lintPlanContent(plan).map((v) => `${v.channelId} ${v.severity}:${v.rule}`)).toEqual([
      'xhs warning:title-truncated',
      'dy error:video-missing',
      'dy warning:media-dropped',
    ]);
  });
});
