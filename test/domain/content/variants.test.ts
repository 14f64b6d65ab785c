import { describe, expect, it } from 'vitest';
import { buildVariant, formatTags, type ContentItem } from '../../../domain/content/variants.js';

const core: ContentItem = {
  id: 'launch-story',
  title: '一杯春茶的旅程: 从明前采摘到你手中的那一杯',
  body: '从茶园到茶杯, 讲述春季新茶的采摘、制作与品鉴。今年的新茶三月中旬上市。',
  media: [
    { kind: 'image', url: 'https://cdn.example.com/cover.jpg' },
    { kind: 'image', url: 'https://cdn.example.com/garden.jpg' },
    { kind: 'video', url: 'https://cdn.example.com/story.mp4' },
  ],
  tags: ['春茶', '#新茶上市', '春茶', '茶 文化'],
};

describe('channel variants', () => {
  it('cuts a Xiaohongshu title to 20 characters and writes tags as #话题', () => {
    const variant = buildVariant(core, { id: 'xhs', name: '小红书', kind: 'xiaohongshu' });
    expect(variant.title).toBe('一杯春茶的旅程: 从明前采摘到你手中的…');
    expect([...variant.title]).toHaveLength(20);
    expect(variant.tags).toEqual(['#春茶', '#新茶上市', '#茶文化']);
    expect(variant.body).toBe(`${core.body}\n\n#春茶 #新茶上市 #茶文化`);
    expect(variant.media.map((m) => m.kind)).toEqual(['image', 'image']);
    expect(variant.adjustments.map((a) => a.rule)).toEqual(['title-truncated', 'media-dropped']);
    expect(variant.adjustments[0]!.message['zh-CN']).toContain('小红书');
  });

  it('leads a Weibo post with the title in 【】 and closes its topics with #', () => {
    const variant = buildVariant(core, { id: 'weibo', kind: 'weibo' });
    expect(variant.title).toBe('');
    expect(variant.body).toBe(`【${core.title}】${core.body}\n\n#春茶# #新茶上市# #茶文化#`);
    // Images or a video: with images, the video stays out.
    expect(variant.media.map((m) => m.kind)).toEqual(['image', 'image']);
  });

  it('opens a Douyin caption with the title and keeps only the video', () => {
    const variant = buildVariant(core, { id: 'douyin', kind: 'douyin' });
    expect(variant.body.split('\n')[0]).toBe(core.title);
    expect(variant.media).toEqual([{ kind: 'video', url: 'https://cdn.example.com/story.mp4' }]);
    expect(variant.tags).toEqual(['#春茶', '#新茶上市', '#茶文化']);
  });

  it('gives a WeChat article its cover and a digest from the first sentence', () => {
    const variant = buildVariant(core, { id: 'wechat', kind: 'wechat-oa' });
    expect(variant.title).toBe(core.title);
    expect(variant.cover).toEqual(core.media[0]);
    expect(variant.summary).toBe('从茶园到茶杯, 讲述春季新茶的采摘、制作与品鉴。');
    expect(variant.tags).toEqual([]);
    expect(variant.body).toBe(core.body);
  });

  it('leaves ad copy for Baidu uncut and drops its media', () => {
    const longTitle = '春季新茶上市限时优惠明前龙井买二送一官方旗舰店';
    const variant = buildVariant({ ...core, title: longTitle }, { id: 'baidu', kind: 'baidu-sem' });
    expect(variant.title).toBe(longTitle);
    expect(variant.media).toEqual([]);
    expect(variant.adjustments.map((a) => a.rule)).toEqual(['media-dropped']);
  });

  it('gives an e-mail a preheader and keeps a long subject for the reviewer to judge', () => {
    const subject = 'Stop guessing your cloud bill: a live session on cost control for IT and finance teams';
    const variant = buildVariant({ ...core, title: subject, body: 'Three practices. Shown live.' }, { id: 'edm', kind: 'edm' });
    expect(variant.title).toBe(subject);
    expect(variant.summary).toBe('Three practices.');
  });

  it('drops tags before cutting the text, and cuts the text when it still does not fit', () => {
    const body = '茶'.repeat(999);
    const fitsWithoutTags = buildVariant({ ...core, body }, { id: 'xhs', kind: 'xiaohongshu' });
    expect(fitsWithoutTags.body).toBe(body);
    expect(fitsWithoutTags.tags).toEqual([]);
    expect(fitsWithoutTags.adjustments.map((a) => a.rule)).toContain('tags-dropped');

    const tooLong = buildVariant({ ...core, body: '茶'.repeat(1200) }, { id: 'xhs', kind: 'xiaohongshu' });
    expect([...tooLong.body].length).toBe(1000);
    expect(tooLong.body.endsWith('…')).toBe(true);
    expect(tooLong.adjustments.map((a) => a.rule)).toEqual(expect.arrayContaining(['tags-dropped', 'body-truncated']));
  });

  it('uses the title as text where a channel needs some and the content has none', () => {
    const variant = buildVariant({ ...core, body: '' }, { id: 'xhs', kind: 'xiaohongshu' });
    expect(variant.body.startsWith(core.title)).toBe(true);
    expect(variant.adjustments.map((a) => a.rule)).toContain('body-from-title');
    expect(buildVariant({ ...core, body: '' }, { id: 'wechat', kind: 'wechat-oa' }).body).toBe('');
  });

  it('formats tags in each style, without # or spaces from the author and without duplicates', () => {
    expect(formatTags([' 春茶 ', '#春茶#', 'new tea'], 'closed')).toEqual(['#春茶#', '#newtea#']);
    expect(formatTags(['春茶', '#'], 'open')).toEqual(['#春茶']);
    expect(formatTags(['春茶'], 'none')).toEqual([]);
  });
});
