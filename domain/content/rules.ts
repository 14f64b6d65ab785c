/**
 * What each kind of channel accepts (P2.5), in one table. Limits are what the platforms' own editors
 * enforce where we know them, and conservative where we are less sure: a variant that fits here
 * fits there. Each entry says where its numbers come from and how sure we are.
 *
 * `truncate` says whether the builder may cut text to fit. Titles of social posts can lose their tail
 * behind an ellipsis; an article, an ad someone approved word for word, or a subject line cannot —
 * those are reported for a person to rewrite.
 */
import type { ChannelKind } from '../publishing/peak-hours.js';
import type { LengthUnit } from './text-length.js';

export interface TextLimit {
  max: number;
  unit: LengthUnit;
  truncate: boolean;
}

export type TagStyle =
  /** `#话题#`: Weibo's topics, closed by a second #. */
  | 'closed'
  /** `#话题`: ended by a space, as Douyin and Xiaohongshu write them. */
  | 'open'
  /** Tags are not written into the text (set in the platform's editor, or meaningless there). */
  | 'none';

export interface ContentRule {
  /** `none`: the kind has no title field; where `titleIn` says, the title becomes part of the text. */
  title: 'none' | { required: boolean; limit?: TextLimit; recommended?: number };
  /** Where a kind without a title field puts the core title. */
  titleIn?: 'bracketed-lead' | 'first-line';
  /** `required`: a person must write it. Otherwise an empty body is filled with the title. */
  body: { required: boolean; limit?: TextLimit };
  /** A short line shown before the text is opened: WeChat's digest (摘要), an e-mail's preheader. */
  summary?: { limit: TextLimit; recommended?: number };
  tags: TagStyle;
  media: {
    requires?: 'image' | 'video' | 'cover-image';
    /** Media kinds the platform takes in a post; others are left out. */
    accepts: readonly ('image' | 'video')[];
    maxImages?: number;
    maxVideos?: number;
    /** A post carries images or a video, not both. */
    imagesOrVideo?: boolean;
  };
}

const chars = (max: number, truncate: boolean): TextLimit => ({ max, unit: 'chars', truncate });
const bytes = (max: number, truncate: boolean): TextLimit => ({ max, unit: 'bytes', truncate });

export const CONTENT_RULES: Record<ChannelKind, ContentRule> = {
  // WeChat official account article. The editor (mp.weixin.qq.com) caps the title at 64 characters
  // and the digest at 120, and refuses articles past 20,000 characters: observed in its counters,
  // not in a published spec. Every article needs a cover image. Topic tags are set in the editor.
  'wechat-oa': {
    title: { required: true, limit: chars(64, true) },
    body: { required: true, limit: chars(20_000, false) },
    summary: { limit: chars(120, true) },
    tags: 'none',
    media: { requires: 'cover-image', accepts: ['image', 'video'] },
  },
  // Weibo: posts up to 2,000 characters (longer ones are "头条文章", another product); beyond 140
  // the feed folds them. Topics are #话题# with a closing #. Up to 9 images, or one video. No title
  // field: the title leads the post in 【】, the usual way Weibo posts carry a headline.
  weibo: {
    title: 'none',
    titleIn: 'bracketed-lead',
    body: { required: false, limit: chars(2_000, true) },
    tags: 'closed',
    media: { accepts: ['image', 'video'], maxImages: 9, maxVideos: 1, imagesOrVideo: true },
  },
  // Douyin: a post is a video; its caption (作品描述) we keep within 1,000 characters, an assumption
  // from the creator tool's counter. Hashtags are #话题 without a closing #. The title opens the
  // caption, since a separate title field is not available to every account.
  douyin: {
    title: 'none',
    titleIn: 'first-line',
    body: { required: false, limit: chars(1_000, true) },
    tags: 'open',
    media: { requires: 'video', accepts: ['video'], maxVideos: 1 },
  },
  // Xiaohongshu note (笔记): title at most 20 characters and text at most 1,000, as the app's editor
  // enforces; a Chinese character counts as one. An image-and-text note needs at least one image; we
  // keep to 9 although the app has allowed more (conservative). Tags are #话题.
  xiaohongshu: {
    title: { required: false, limit: chars(20, true) },
    body: { required: false, limit: chars(1_000, true) },
    tags: 'open',
    media: { requires: 'image', accepts: ['image'], maxImages: 9 },
  },
  // Baidu search ads (百度营销/凤巢): a creative's title at most 50 bytes and a description line at
  // most 80 bytes, a Chinese character counting 2 — the long-standing published limits, which we
  // assume still hold. Ad copy is approved word for word, so it is never cut; text ads carry no media.
  'baidu-sem': {
    title: { required: true, limit: bytes(50, false) },
    body: { required: true, limit: bytes(80, false) },
    tags: 'none',
    media: { accepts: [] },
  },
  // E-mail (EDM): RFC 5322 recommends header lines within 78 characters, and inboxes show about that
  // much of a subject, so longer subjects are warned about; e-mail services commonly refuse subjects
  // past 150, where we cut. Inboxes show about 100 characters of preheader.
  edm: {
    title: { required: true, limit: chars(150, true), recommended: 78 },
    body: { required: true },
    summary: { limit: chars(100, true) },
    tags: 'none',
    media: { accepts: ['image'] },
  },
  // A brief for a KOL/KOC, who writes the post in their own voice and format: nothing is enforced.
  kol: { title: { required: false }, body: { required: false }, tags: 'open', media: { accepts: ['image', 'video'] } },
  // Our own site and anything else: we control the format, so nothing is enforced.
  website: { title: { required: true }, body: { required: false }, tags: 'none', media: { accepts: ['image', 'video'] } },
  custom: { title: { required: false }, body: { required: false }, tags: 'none', media: { accepts: ['image', 'video'] } },
};
