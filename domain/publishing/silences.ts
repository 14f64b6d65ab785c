/**
 * Silences (P2.4): a channel that stays quiet longer than its `pacing.maxSilence` is being forgotten.
 * The same check serves a planned calendar and the posts that actually went out.
 */
import type { Lang } from '../plan/issues.js';
import { formatInstant, formatSpan } from '../notifications/time.js';

export interface SilenceAlert {
  channelId: string;
  /** ISO instants: the post (or period start) before the silence and the one after (or period end). */
  from: string;
  to: string;
  /** Milliseconds. */
  length: number;
  message: Record<Lang, string>;
}

export interface SilenceInput {
  channelId: string;
  channelName?: string | undefined;
  timeZone: string;
  /** ISO instants; silence before the first post and after the last counts too. */
  period: { from: string; to: string };
  /** ISO instants of posts, in any order; those outside the period are ignored. */
  times: readonly string[];
  maxSilenceMs: number;
}

/** Every gap strictly longer than `maxSilenceMs`, in time order. */
export function silenceAlerts(input: SilenceInput): SilenceAlert[] {
  const from = Date.parse(input.period.from);
  const to = Date.parse(input.period.to);
  if (!(from < to)) return [];
  const posts = input.times.map((t) => Date.parse(t)).filter((t) => t >= from && t <= to).sort((a, b) => a - b);
  const marks = [from, ...posts, to];
  const alerts: SilenceAlert[] = [];
  for (let i = 1; i < marks.length; i++) {
    const start = marks[i - 1]!;
    const end = marks[i]!;
    const length = end - start;
    if (length <= input.maxSilenceMs) continue;
    const alert = { from: new Date(start).toISOString(), to: new Date(end).toISOString(), length };
    alerts.push({ channelId: input.channelId, ...alert, message: silenceMessage(input, alert) });
  }
  return alerts;
}

function silenceMessage(input: SilenceInput, alert: { from: string; to: string; length: number }): Record<Lang, string> {
  const channel = input.channelName ?? input.channelId;
  const from = formatInstant(alert.from, input.timeZone);
  const to = formatInstant(alert.to, input.timeZone);
  return {
    en: `${channel} is silent for ${formatSpan(alert.length, 'en')} (${from} to ${to}), longer than its pacing allows (${formatSpan(input.maxSilenceMs, 'en')}): the audience forgets a quiet channel; schedule a post in between.`,
    'zh-CN': `${channel} 在 ${from} 至 ${to} 之间 ${formatSpan(alert.length, 'zh-CN')} 没有发布, 超过节奏允许的 ${formatSpan(input.maxSilenceMs, 'zh-CN')}: 长时间沉默会被用户遗忘, 请在中间安排一条内容。`,
  };
}
