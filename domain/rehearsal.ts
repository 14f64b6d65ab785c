/**
 * Rehearsals: campaigns whose numbers do not come from a real audience on real platforms. The rule
 * is one of two facts about how a campaign was started, so every reader (start, status, list, the
 * report, the case library) agrees on it:
 *
 * - a time scale other than 1: durations are compressed, so the pace of spend, the audience's days
 *   and the review cadence are not what a real campaign sees;
 * - any channel with `adapter: sandbox`: its spend, orders and revenue come from the built-in
 *   simulator's response model, and the campaign's totals (ROI, the channel split) include them.
 *
 * The case library keeps rehearsals out of what it learns from unless asked, so a simulated ROI is
 * never copied into the next real plan.
 */
import type { Plan } from './plan/schema.js';
import type { Bilingual } from './report/format.js';

export interface Rehearsal {
  /** The time scale, when it is not 1. */
  timeScale?: number;
  /** The channels that go to the sandbox simulator. */
  sandboxChannels: string[];
}

export function sandboxChannels(plan: Pick<Plan, 'channels'>): string[] {
  // Stored plans from before the adapter was written out read as the schema's default, sandbox.
  return plan.channels.filter((c) => (c.adapter ?? 'sandbox') === 'sandbox').map((c) => c.id);
}

/** Why a campaign is a rehearsal; undefined for a real campaign. */
export function rehearsalOf(plan: Pick<Plan, 'channels'>, timeScale: number): Rehearsal | undefined {
  const sandbox = sandboxChannels(plan);
  if (timeScale === 1 && sandbox.length === 0) return undefined;
  return { ...(timeScale !== 1 ? { timeScale } : {}), sandboxChannels: sandbox };
}

/** One line saying what makes it a rehearsal, for the status, the report and the case library. */
export function rehearsalLine(r: Rehearsal): Bilingual {
  const en: string[] = [];
  const zh: string[] = [];
  if (r.timeScale !== undefined) {
    en.push(`time scale ${r.timeScale}`);
    zh.push(`时间倍率 ${r.timeScale}`);
  }
  if (r.sandboxChannels.length > 0) {
    en.push(`simulated channels ${r.sandboxChannels.join(', ')}`);
    zh.push(`模拟渠道 ${r.sandboxChannels.join('、')}`);
  }
  return {
    en: `Rehearsal (${en.join('; ')}): its numbers are not a real campaign's.`,
    'zh-CN': `演练(${zh.join('；')})：数据不是真实投放的结果。`,
  };
}

export interface LaunchRequest {
  plan: Pick<Plan, 'channels'>;
  timeScale: number;
  /** The person said this is a rehearsal at full length (`--sandbox`, API `"sandbox": true`). */
  sandbox?: boolean | undefined;
}

/**
 * Why a start is refused, or undefined. A campaign at time scale 1 is taken for the real thing, so
 * sandbox channels there would spend weeks publishing to a simulator while people believe it live:
 * that needs the person to say so. Other time scales are rehearsals by their nature.
 */
export function sandboxLaunchRefusal({ plan, timeScale, sandbox }: LaunchRequest): string | undefined {
  if (timeScale !== 1 || sandbox) return undefined;
  const channels = sandboxChannels(plan);
  if (channels.length === 0) return undefined;
  return `Channels ${channels.join(', ')} have adapter: sandbox, so at time scale 1 they would publish and spend on the built-in simulator `
    + 'for the whole campaign. For real channels, set adapter: webhook and your bridge\'s url on each, with its webhookSecret in the worker\'s '
    + 'secrets file (docs/execution.md, "Webhook channels"); for a rehearsal at full length, start with --sandbox (API: "sandbox": true).';
}
