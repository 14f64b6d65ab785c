/**
 * Crisis warning (P2.10): negative voices noticed early, before they become the story. The plan's
 * `interaction.crisis` says when: over the trailing `window`, at least `minVolume` interactions, of
 * which a share of at least `negativeShare` is negative. The volume floor keeps three angry comments
 * on a quiet night from paging the accountable person; the share (not a count) keeps a busy launch
 * day from looking like a crisis because everything, praise included, went up.
 */
import { parseDuration } from '../duration.js';
import { formatSpan } from '../notifications/time.js';
import type { Lang } from '../plan/issues.js';

/**
 * A comment counts as negative from this sentiment score down. One plain complaint (失望, terrible)
 * scores about −0.5 and stronger ones lower, while softened reservations (有点贵, "not very good")
 * and praise-with-a-but stay above −0.3: those are feedback, not the start of a crisis.
 */
export const NEGATIVE_AT = -0.3;

export function isNegative(score: number): boolean {
  return score <= NEGATIVE_AT;
}

export interface ScoredInteraction {
  channelId: string;
  /** ISO instant, plan time. */
  at: string;
  /** Sentiment in [−1, 1], from `sentimentScore`. */
  score: number;
}

export interface CrisisSettings {
  negativeShare: number;
  /** The plan's duration (`6h`) or milliseconds. */
  window: string | number;
  minVolume: number;
}

export interface CrisisInput {
  interactions: readonly ScoredInteraction[];
  settings: CrisisSettings;
  now: string;
  channelNames?: Readonly<Record<string, string>>;
}

export interface ChannelNegatives {
  channelId: string;
  negatives: number;
  volume: number;
}

export interface CrisisAssessment {
  triggered: boolean;
  /** Why: enough negative voices, too few interactions to judge, or a share below the threshold. */
  reason: 'negative-share' | 'below-volume' | 'below-share';
  /** The trailing window: after `from`, up to and including `to` (= now). */
  window: { from: string; to: string };
  volume: number;
  negatives: number;
  /** negatives ÷ volume; 0 without interactions. */
  share: number;
  /** Channels with negative interactions, most first (at most three). */
  topChannels: ChannelNegatives[];
  message: Record<Lang, string>;
}

export function assessCrisis(input: CrisisInput): CrisisAssessment {
  const { settings } = input;
  const windowMs = typeof settings.window === 'number' ? settings.window : parseDuration(settings.window);
  const now = Date.parse(input.now);
  if (!Number.isFinite(now)) throw new RangeError(`"${input.now}" is not an ISO instant`);
  const from = now - windowMs;
  const recent = input.interactions.filter((item) => {
    const at = Date.parse(item.at);
    return at > from && at <= now;
  });
  const volume = recent.length;
  const negatives = recent.filter((item) => isNegative(item.score)).length;
  const share = volume === 0 ? 0 : negatives / volume;
  const reason = volume < settings.minVolume ? 'below-volume' : share >= settings.negativeShare ? 'negative-share' : 'below-share';
  const topChannels = channelNegatives(recent);
  const facts = { volume, negatives, share, windowMs, settings, topChannels, names: input.channelNames ?? {} };
  return {
    triggered: reason === 'negative-share',
    reason,
    window: { from: new Date(from).toISOString(), to: new Date(now).toISOString() },
    volume,
    negatives,
    share,
    topChannels,
    message: crisisMessage(reason, facts),
  };
}

function channelNegatives(recent: readonly ScoredInteraction[]): ChannelNegatives[] {
  const byChannel = new Map<string, ChannelNegatives>();
  for (const item of recent) {
    const entry = byChannel.get(item.channelId) ?? { channelId: item.channelId, negatives: 0, volume: 0 };
    entry.volume++;
    if (isNegative(item.score)) entry.negatives++;
    byChannel.set(item.channelId, entry);
  }
  return [...byChannel.values()]
    .filter((entry) => entry.negatives > 0)
    .sort((a, b) => b.negatives - a.negatives || a.channelId.localeCompare(b.channelId))
    .slice(0, 3);
}

interface MessageFacts {
  volume: number;
  negatives: number;
  share: number;
  windowMs: number;
  settings: CrisisSettings;
  topChannels: readonly ChannelNegatives[];
  names: Readonly<Record<string, string>>;
}

/** A share as people read it; rounded down so a share just under the threshold never prints as equal. */
function percent(share: number): string {
  return `${Math.floor(share * 1000 + 1e-9) / 10}%`;
}

function crisisMessage(reason: CrisisAssessment['reason'], facts: MessageFacts): Record<Lang, string> {
  const { volume, negatives, share, windowMs, settings, topChannels, names } = facts;
  const windowEn = formatSpan(windowMs, 'en');
  const windowZh = formatSpan(windowMs, 'zh-CN');
  const name = (id: string) => names[id] ?? id;
  const sourcesEn = topChannels.length === 0 ? '' : ` Most come from ${topChannels.map((c) => `${name(c.channelId)} (${c.negatives})`).join(', ')}.`;
  const sourcesZh = topChannels.length === 0 ? '' : `, 主要来自 ${topChannels.map((c) => `${name(c.channelId)}(${c.negatives} 条)`).join('、')}`;
  const threshold = percent(settings.negativeShare);
  switch (reason) {
    case 'below-volume':
      return {
        en: `Too few interactions to judge: ${volume} in the last ${windowEn} (${settings.minVolume} needed), ${negatives} of them negative.`,
        'zh-CN': `互动量不足以判断: 过去 ${windowZh} 共 ${volume} 条(至少需要 ${settings.minVolume} 条), 其中负面 ${negatives} 条。`,
      };
    case 'below-share':
      return {
        en: `No crisis: ${percent(share)} of the ${volume} interactions in the last ${windowEn} are negative, below the ${threshold} threshold.`,
        'zh-CN': `暂无舆情危机: 过去 ${windowZh} 的 ${volume} 条互动中负面占 ${percent(share)}, 低于阈值 ${threshold}。`,
      };
    case 'negative-share':
      return {
        en: `Crisis warning: ${percent(share)} of the ${volume} interactions in the last ${windowEn} are negative (${negatives}; threshold ${threshold}).${sourcesEn}`,
        'zh-CN': `舆情预警: 过去 ${windowZh} 的 ${volume} 条互动中负面占 ${percent(share)}(${negatives} 条, 阈值 ${threshold})${sourcesZh}。`,
      };
  }
}
