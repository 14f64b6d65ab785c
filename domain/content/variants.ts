/**
 * One core piece of content re-cut for each channel (P2.5): the long WeChat article, the Weibo post
 * with its headline in 【】, the Douyin caption under a video, the Xiaohongshu note with a 20-character
 * title. The builder only does what a channel's rules allow (cutting, adding tags in the channel's
 * form, choosing media) and records every change it made, so a reviewer sees what the audience will.
 */
import type { Lang } from '../plan/issues.js';
import type { Channel, Plan } from '../plan/schema.js';
import type { ChannelKind } from '../publishing/peak-hours.js';
import { CONTENT_RULES, type ContentRule, type TagStyle, type TextLimit } from './rules.js';
import { leadSentence, measure, truncate } from './text-length.js';

export type ContentItem = Pick<Plan['content'][number], 'id' | 'title' | 'body' | 'media' | 'tags'>;
export type Media = ContentItem['media'][number];

export const ADJUSTMENT_RULES = ['title-truncated', 'body-truncated', 'summary-truncated', 'tags-dropped', 'media-dropped', 'body-from-title'] as const;
export type AdjustmentRule = (typeof ADJUSTMENT_RULES)[number];

export interface Adjustment {
  rule: AdjustmentRule;
  message: Record<Lang, string>;
}

export interface ChannelVariant {
  contentId: string;
  channelId: string;
  /** What people call the channel (小红书); messages use it, the id otherwise. */
  channelName?: string | undefined;
  kind: ChannelKind;
  /** Empty for kinds without a title field (the title is then part of the body). */
  title: string;
  body: string;
  /** WeChat digest or e-mail preheader, for kinds that show one. */
  summary?: string | undefined;
  media: Media[];
  /** The cover image, for kinds that need one. */
  cover?: Media | undefined;
  /** Tags as written into the body, in the channel's form (`#春茶#` or `#春茶`). */
  tags: string[];
  adjustments: Adjustment[];
}

export function buildVariant(content: ContentItem, channel: Pick<Channel, 'id' | 'kind'> & { name?: string | undefined }): ChannelVariant {
  const rule = CONTENT_RULES[channel.kind];
  const name = channel.name ?? channel.id;
  const adjustments: Adjustment[] = [];
  const title = buildTitle(content.title, rule, name, adjustments);
  const { body, tags } = buildBody(content, rule, name, adjustments);
  const summary = rule.summary ? cut(leadSentence(content.body) || content.title, rule.summary.limit, 'summary-truncated', name, adjustments) : undefined;
  const { media, cover } = chooseMedia(content.media, rule, name, adjustments);
  return {
    contentId: content.id, channelId: channel.id, channelName: channel.name, kind: channel.kind,
    title, body, summary, media, cover, tags, adjustments,
  };
}

function buildTitle(title: string, rule: ContentRule, channel: string, adjustments: Adjustment[]): string {
  if (rule.title === 'none') return '';
  return rule.title.limit ? cut(title, rule.title.limit, 'title-truncated', channel, adjustments) : title;
}

/** Text, then tags; when it is too long, tags go first (from the last), then the text is cut if allowed. */
function buildBody(content: ContentItem, rule: ContentRule, channel: string, adjustments: Adjustment[]): { body: string; tags: string[] } {
  let text = content.body.trim();
  if (text === '' && !rule.body.required && !rule.titleIn) {
    text = content.title;
    adjustments.push(adjust('body-from-title', channel));
  }
  if (rule.titleIn === 'bracketed-lead') text = `【${content.title}】${text}`;
  if (rule.titleIn === 'first-line') text = text === '' ? content.title : `${content.title}\n${text}`;

  let tags = formatTags(content.tags, rule.tags);
  const limit = rule.body.limit;
  const compose = (core: string, kept: readonly string[]) => (kept.length === 0 ? core : `${core}\n\n${kept.join(' ')}`);
  if (!limit) return { body: compose(text, tags), tags };
  const fits = (candidate: string) => measure(candidate, limit.unit) <= limit.max;
  const all = tags.length;
  while (tags.length > 0 && !fits(compose(text, tags))) tags = tags.slice(0, -1);
  if (tags.length < all) adjustments.push(adjust('tags-dropped', channel, { dropped: all - tags.length }));
  return { body: compose(cut(text, limit, 'body-truncated', channel, adjustments), tags), tags };
}

/** Tags in the channel's form; `#`, spaces and duplicates removed from what the author wrote. */
export function formatTags(tags: readonly string[], style: TagStyle): string[] {
  if (style === 'none') return [];
  const seen = new Set<string>();
  for (const tag of tags) {
    const word = tag.replace(/[#\s]/gu, '');
    if (word !== '') seen.add(word);
  }
  return [...seen].map((word) => (style === 'closed' ? `#${word}#` : `#${word}`));
}

function chooseMedia(media: readonly Media[], rule: ContentRule, channel: string, adjustments: Adjustment[]): { media: Media[]; cover?: Media | undefined } {
  const { accepts, maxImages = Infinity, maxVideos = Infinity } = rule.media;
  const images = media.filter((m) => m.kind === 'image' && accepts.includes('image')).slice(0, maxImages);
  // Where a post carries images or a video but not both, images win when there are any.
  const videos = rule.media.imagesOrVideo && images.length > 0
    ? []
    : media.filter((m) => m.kind === 'video' && accepts.includes('video')).slice(0, maxVideos);
  const chosen = media.filter((m) => images.includes(m) || videos.includes(m));
  if (chosen.length < media.length) adjustments.push(adjust('media-dropped', channel, { dropped: media.length - chosen.length }));
  const cover = rule.media.requires === 'cover-image' ? images[0] : undefined;
  return { media: chosen, cover };
}

function cut(text: string, limit: TextLimit, rule: AdjustmentRule, channel: string, adjustments: Adjustment[]): string {
  if (!limit.truncate || measure(text, limit.unit) <= limit.max) return text;
  adjustments.push(adjust(rule, channel, { max: limit.max, unit: limit.unit, length: measure(text, limit.unit) }));
  return truncate(text, limit.max, limit.unit);
}

interface AdjustFacts {
  max?: number;
  unit?: 'chars' | 'bytes';
  length?: number;
  dropped?: number;
}

function adjust(rule: AdjustmentRule, channel: string, facts: AdjustFacts = {}): Adjustment {
  const { max, unit, length, dropped } = facts;
  const unitEn = unit === 'bytes' ? 'bytes' : 'characters';
  const unitZh = unit === 'bytes' ? '字节' : '字';
  const texts: Record<AdjustmentRule, Record<Lang, string>> = {
    'title-truncated': {
      en: `The title was cut to ${max} ${unitEn} for ${channel} (it has ${length}); check that it still reads well.`,
      'zh-CN': `标题已为${channel}截短到 ${max} ${unitZh}(原有 ${length}), 请确认仍然通顺。`,
    },
    'body-truncated': {
      en: `The text was cut to ${max} ${unitEn} for ${channel} (it has ${length}); a version written for it reads better.`,
      'zh-CN': `正文已为${channel}截短到 ${max} ${unitZh}(原有 ${length}), 建议为该渠道单独改写。`,
    },
    'summary-truncated': {
      en: `The summary line for ${channel} was cut to ${max} ${unitEn}.`,
      'zh-CN': `${channel}的摘要已截短到 ${max} ${unitZh}。`,
    },
    'tags-dropped': {
      en: `${dropped} tag(s) left out on ${channel} to stay within its length limit.`,
      'zh-CN': `为不超过${channel}的字数上限, 去掉了 ${dropped} 个话题标签。`,
    },
    'media-dropped': {
      en: `${dropped} media file(s) left out on ${channel}: it does not take that kind or that many.`,
      'zh-CN': `${channel}不支持该类型或该数量的素材, 已去掉 ${dropped} 个。`,
    },
    'body-from-title': {
      en: `The content has no text, so the title is used as the text on ${channel}.`,
      'zh-CN': `内容没有正文, ${channel}上以标题作为正文。`,
    },
  };
  return { rule, message: texts[rule] };
}
