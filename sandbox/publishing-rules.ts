/**
 * What each platform refuses to publish. Real platforms reject a post that does not fit their
 * format (a Xiaohongshu title over 20 characters, a Weibo over 2,000), so content must be re-cut
 * per channel (P2.5) before it reaches them; the sandbox refuses the same way.
 */
import type { ChannelKind } from './response-model.js';

interface Limits {
  titleRequired?: boolean;
  titleMax?: number;
  bodyMax?: number;
}

const LIMITS: Partial<Record<ChannelKind, Limits>> = {
  'wechat-oa': { titleRequired: true, titleMax: 64 },
  weibo: { bodyMax: 2_000 },
  xiaohongshu: { titleMax: 20, bodyMax: 1_000 },
  douyin: { bodyMax: 1_000 },
  edm: { titleRequired: true, titleMax: 200 },
};

/** Why the platform refuses this post, or undefined when it fits. Lengths count characters, not bytes. */
export function publishingRefusal(kind: ChannelKind, post: { title: string; body: string }): string | undefined {
  const limits = LIMITS[kind];
  if (!limits) return undefined;
  const titleLength = [...post.title].length;
  const bodyLength = [...post.body].length;
  if (limits.titleRequired && titleLength === 0) {
    return `${kind} posts need a title`;
  }
  if (limits.titleMax !== undefined && titleLength > limits.titleMax) {
    return `${kind} titles are at most ${limits.titleMax} characters (this one has ${titleLength})`;
  }
  if (limits.bodyMax !== undefined && bodyLength > limits.bodyMax) {
    return `${kind} posts are at most ${limits.bodyMax} characters (this one has ${bodyLength})`;
  }
  return undefined;
}
