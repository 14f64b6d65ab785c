/**
 * What stands between a channel variant and publishing (P1.8, P2.5): errors the platform would
 * refuse (a Douyin post without a video, a Baidu ad title over 50 bytes) and warnings a reviewer
 * should see (a subject line inboxes cut off, a title the builder had to shorten).
 */
import type { Lang } from '../plan/issues.js';
import type { Plan } from '../plan/schema.js';
import type { ChannelKind } from '../publishing/peak-hours.js';
import { CONTENT_RULES, type TextLimit } from './rules.js';
import { measure } from './text-length.js';
import { ADJUSTMENT_RULES, buildVariant, type ChannelVariant } from './variants.js';

/** Every rule the lint reports: its own checks, then the builder's adjustments (always warnings). */
export const CONTENT_RULE_IDS = [
  'title-missing', 'title-too-long', 'title-long', 'body-empty', 'body-too-long', 'summary-too-long',
  'video-missing', 'image-missing', 'cover-missing', 'too-many-images', 'too-many-videos', 'tag-form',
  ...ADJUSTMENT_RULES,
] as const;
export type ContentRuleId = (typeof CONTENT_RULE_IDS)[number];

export interface ContentViolation {
  contentId: string;
  channelId: string;
  rule: ContentRuleId;
  /** `error`: the platform would refuse it. `warning`: it goes out, but someone should look. */
  severity: 'error' | 'warning';
  message: Record<Lang, string>;
  fix?: Record<Lang, string>;
}

type Finding = Omit<ContentViolation, 'contentId' | 'channelId'>;

export function lintVariant(variant: ChannelVariant, kind: ChannelKind = variant.kind): ContentViolation[] {
  const rule = CONTENT_RULES[kind];
  const name = variant.channelName ?? variant.channelId;
  const found: Finding[] = [];
  if (rule.title !== 'none') {
    if (rule.title.required && variant.title.trim() === '') found.push(titleMissing(name));
    if (rule.title.limit) found.push(...overLimit('title', variant.title, rule.title.limit, name));
    const recommended = rule.title.recommended;
    if (recommended !== undefined && measure(variant.title, 'chars') > recommended) found.push(titleLong(name, recommended, measure(variant.title, 'chars')));
  }
  if (variant.body.trim() === '') found.push(bodyEmpty(name));
  if (rule.body.limit) found.push(...overLimit('body', variant.body, rule.body.limit, name));
  if (rule.summary && variant.summary !== undefined) found.push(...overLimit('summary', variant.summary, rule.summary.limit, name));
  found.push(...mediaFindings(variant, kind, name));
  found.push(...tagFindings(variant, kind, name));
  return found.map((finding) => ({ contentId: variant.contentId, channelId: variant.channelId, ...finding }));
}

/** Each content item's variant for each channel it names, with what the builder changed as warnings. */
export function planVariants(plan: Pick<Plan, 'channels' | 'content'>): ChannelVariant[] {
  const channels = new Map(plan.channels.map((channel) => [channel.id, channel]));
  return plan.content.flatMap((content) => content.channels.flatMap((id) => {
    const channel = channels.get(id);
    // An unknown channel is a validation error reported with its path; nothing to build here.
    return channel ? [buildVariant(content, channel)] : [];
  }));
}

export function lintPlanContent(plan: Pick<Plan, 'channels' | 'content'>): ContentViolation[] {
  return planVariants(plan).flatMap((variant) => [
    ...lintVariant(variant),
    ...variant.adjustments.map((adjustment): ContentViolation => ({
      contentId: variant.contentId, channelId: variant.channelId, rule: adjustment.rule, severity: 'warning', message: adjustment.message,
    })),
  ]);
}

const FIELD = {
  title: { en: 'title', 'zh-CN': '标题' },
  body: { en: 'text', 'zh-CN': '正文' },
  summary: { en: 'summary line', 'zh-CN': '摘要' },
} as const;

function overLimit(field: keyof typeof FIELD, text: string, limit: TextLimit, channel: string): Finding[] {
  const length = measure(text, limit.unit);
  if (length <= limit.max) return [];
  const unitEn = limit.unit === 'bytes' ? 'bytes (a Chinese character counts 2)' : 'characters';
  const unitZh = limit.unit === 'bytes' ? '字节(一个汉字计 2 字节)' : '字';
  const rule = field === 'title' ? 'title-too-long' : field === 'body' ? 'body-too-long' : 'summary-too-long';
  const uncut = limit.truncate ? { en: '', 'zh-CN': '' } : { en: ' and may not be cut automatically', 'zh-CN': ', 且不能自动截断' };
  return [{
    rule,
    severity: 'error',
    message: {
      en: `The ${FIELD[field].en} for ${channel} has ${length} ${unitEn}; ${channel} takes at most ${limit.max}${uncut.en}.`,
      'zh-CN': `${channel}的${FIELD[field]['zh-CN']}有 ${length} ${unitZh}, 上限为 ${limit.max}${uncut['zh-CN']}。`,
    },
    fix: {
      en: `Rewrite the ${FIELD[field].en} within ${limit.max} ${unitEn}.`,
      'zh-CN': `请把${FIELD[field]['zh-CN']}改写到 ${limit.max} ${unitZh}以内。`,
    },
  }];
}

function titleMissing(channel: string): Finding {
  return {
    rule: 'title-missing', severity: 'error',
    message: { en: `${channel} posts need a title.`, 'zh-CN': `${channel}的内容必须有标题。` },
    fix: { en: 'Give the content a title.', 'zh-CN': '请为内容填写标题。' },
  };
}

function titleLong(channel: string, recommended: number, length: number): Finding {
  return {
    rule: 'title-long', severity: 'warning',
    message: {
      en: `The subject for ${channel} has ${length} characters; inboxes show about ${recommended}, so the end may not be read.`,
      'zh-CN': `${channel}的邮件主题有 ${length} 字, 收件箱一般只显示约 ${recommended} 字, 后半部分可能看不到。`,
    },
    fix: { en: `Put the point in the first ${recommended} characters.`, 'zh-CN': `请把重点放在前 ${recommended} 字内。` },
  };
}

function bodyEmpty(channel: string): Finding {
  return {
    rule: 'body-empty', severity: 'error',
    message: { en: `The content has no text for ${channel}.`, 'zh-CN': `${channel}的内容没有正文。` },
    fix: { en: 'Write the text (body) of the content.', 'zh-CN': '请填写内容的正文(body)。' },
  };
}

function mediaFindings(variant: ChannelVariant, kind: ChannelKind, channel: string): Finding[] {
  const rule = CONTENT_RULES[kind].media;
  const images = variant.media.filter((m) => m.kind === 'image').length;
  const videos = variant.media.filter((m) => m.kind === 'video').length;
  const found: Finding[] = [];
  if (rule.requires === 'video' && videos === 0) {
    found.push({
      rule: 'video-missing', severity: 'error',
      message: { en: `${channel} publishes videos; this content has none.`, 'zh-CN': `${channel}只能发布视频, 该内容没有视频。` },
      fix: { en: 'Add a video under media, e.g. media: [{ kind: video, url: … }].', 'zh-CN': '请在 media 里加上视频, 例如 media: [{ kind: video, url: … }]。' },
    });
  }
  if (rule.requires === 'image' && images === 0) {
    found.push({
      rule: 'image-missing', severity: 'error',
      message: { en: `${channel} notes need at least one image; this content has none.`, 'zh-CN': `${channel}笔记至少需要一张图片, 该内容没有图片。` },
      fix: { en: 'Add an image under media, e.g. media: [{ kind: image, url: … }].', 'zh-CN': '请在 media 里加上图片, 例如 media: [{ kind: image, url: … }]。' },
    });
  }
  if (rule.requires === 'cover-image' && variant.cover === undefined) {
    found.push({
      rule: 'cover-missing', severity: 'error',
      message: { en: `${channel} articles need a cover image; this content has no image.`, 'zh-CN': `${channel}文章需要封面图, 该内容没有图片。` },
      fix: { en: 'Add an image under media, e.g. media: [{ kind: image, url: … }]; the first image becomes the cover.', 'zh-CN': '请在 media 里加上图片, 例如 media: [{ kind: image, url: … }], 第一张图片将作为封面。' },
    });
  }
  if (rule.maxImages !== undefined && images > rule.maxImages) {
    found.push({
      rule: 'too-many-images', severity: 'error',
      message: { en: `${channel} takes at most ${rule.maxImages} images; this post has ${images}.`, 'zh-CN': `${channel}最多 ${rule.maxImages} 张图片, 该内容有 ${images} 张。` },
    });
  }
  if (rule.maxVideos !== undefined && videos > rule.maxVideos) {
    found.push({
      rule: 'too-many-videos', severity: 'error',
      message: { en: `${channel} takes at most ${rule.maxVideos} video; this post has ${videos}.`, 'zh-CN': `${channel}最多 ${rule.maxVideos} 个视频, 该内容有 ${videos} 个。` },
    });
  }
  return found;
}

const TAG_FORM = { closed: /^#[^#\s]+#$/u, open: /^#[^#\s]+$/u } as const;

function tagFindings(variant: ChannelVariant, kind: ChannelKind, channel: string): Finding[] {
  const style = CONTENT_RULES[kind].tags;
  if (style === 'none') return [];
  const wrong = variant.tags.filter((tag) => !TAG_FORM[style].test(tag));
  if (wrong.length === 0) return [];
  const example = style === 'closed' ? '#话题#' : '#话题';
  return [{
    rule: 'tag-form', severity: 'error',
    message: {
      en: `${channel} writes topics as ${example}; these are not: ${wrong.join(' ')}.`,
      'zh-CN': `${channel}的话题格式为 ${example}, 以下不符合: ${wrong.join(' ')}。`,
    },
  }];
}
