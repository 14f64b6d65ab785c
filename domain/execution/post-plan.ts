/**
 * The posts of a phase (P2.3–P2.5, P2.7): every content item of the phase goes out `posts` times on
 * each of its channels, placed by the channel's publishing calendar. Items alternate on a channel
 * (A, B, A, B) rather than one item's repeats bunching up.
 */
import type { Lang } from '../plan/issues.js';
import type { Plan } from '../plan/schema.js';
import { publishingCalendar } from '../publishing/calendar.js';
import type { SilenceAlert } from '../publishing/silences.js';
import type { PostState } from './state.js';

export interface PostPlanInput {
  plan: Pick<Plan, 'channels' | 'content' | 'timezone'>;
  phase: PostState['phase'];
  /** Plan-time ISO instants; `from` included, `to` excluded. */
  period: { from: string; to: string };
}

export interface PostPlan {
  posts: PostState[];
  /** Posts the period has no room for, with the calendar's reason. */
  unplaced: Array<{ key: string; channelId: string; message: Record<Lang, string> }>;
  /** Planned silences longer than the channel's `maxSilence`. */
  silences: SilenceAlert[];
}

export function postKey(phase: PostState['phase'], contentId: string, channelId: string, n: number): string {
  return `${phase}:${contentId}:${channelId}:${n}`;
}

export function planPosts({ plan, phase, period }: PostPlanInput): PostPlan {
  const result: PostPlan = { posts: [], unplaced: [], silences: [] };
  for (const channel of plan.channels) {
    const items = plan.content.filter((c) => c.phase === phase && c.channels.includes(channel.id));
    if (items.length === 0) continue;
    const wanted: Array<{ key: string; contentId: string }> = [];
    const rounds = Math.max(...items.map((c) => c.posts));
    for (let n = 1; n <= rounds; n++) {
      for (const item of items) if (n <= item.posts) wanted.push({ key: postKey(phase, item.id, channel.id, n), contentId: item.id });
    }
    const calendar = publishingCalendar({ channel, timeZone: plan.timezone, period, posts: wanted.map((w) => ({ id: w.key })) });
    const contentOf = new Map(wanted.map((w) => [w.key, w.contentId]));
    for (const post of calendar.posts) {
      result.posts.push({ key: post.id, phase, contentId: contentOf.get(post.id)!, channelId: channel.id, at: post.at, status: 'scheduled' });
    }
    for (const u of calendar.unplaced) result.unplaced.push({ key: u.id, channelId: channel.id, message: u.message });
    result.silences.push(...calendar.silences);
  }
  result.posts.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key));
  return result;
}
