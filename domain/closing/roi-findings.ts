/**
 * "Where money was wasted and where growth came from" (P3.7) in words, for the next budget: the
 * channels that returned less per unit than the campaign, the channel where extra money did best,
 * the budget nobody spent, and what the figures assume.
 */
import { formatMoney, formatNumber, formatRoi, type Bilingual } from '../report/format.js';
import type { CampaignRoi } from './roi.js';
import { joinNames } from './names.js';
import { HOURS_PER_GATE_DECISION, HOURS_PER_TASK_DAY } from './people-time.js';

export interface RoiFinding {
  kind: 'waste' | 'growth' | 'unspent' | 'assumption';
  message: Bilingual;
}

type RoiFigures = Omit<CampaignRoi, 'findings'>;

export function roiFindings(r: RoiFigures, budget: number): RoiFinding[] {
  return [...waste(r), ...growth(r), ...unspent(r, budget), ...assumptions(r)];
}

function money(r: RoiFigures, amount: number, lang: 'en' | 'zh-CN'): string {
  return formatMoney(amount, r.currency, lang);
}

/** Ordered by what the shortfall cost: spend beyond what the same return took at the campaign's ROI. */
function waste(r: RoiFigures): RoiFinding[] {
  const campaign = r.mediaRoi;
  if (campaign === null || campaign <= 0) return [];
  return r.channels
    .filter((c) => c.spend > 0 && c.roi !== null && c.roi < campaign)
    .map((c) => ({ c, excess: c.spend - c.return / campaign }))
    .sort((a, b) => b.excess - a.excess)
    .map(({ c }) => ({
      kind: 'waste',
      message: {
        en: `${c.name} returned less than the campaign: ROI ${formatRoi(c.roi!, 'en')} against ${formatRoi(campaign, 'en')} (${money(r, c.spend, 'en')} spent, ${money(r, c.return, 'en')} back).`,
        'zh-CN': `${c.name}投产比 ${formatRoi(c.roi!, 'zh-CN')}，低于整体的 ${formatRoi(campaign, 'zh-CN')}（花费 ${money(r, c.spend, 'zh-CN')}，回收 ${money(r, c.return, 'zh-CN')}）。`,
      },
    }));
}

function growth(r: RoiFigures): RoiFinding[] {
  const marginal = r.channels
    .filter((c) => c.marginalRoi !== null && c.marginalRoi > 0)
    .sort((a, b) => b.marginalRoi! - a.marginalRoi!);
  const best = marginal[0];
  if (best) {
    const m = best.marginalRoi!;
    return [{
      kind: 'growth',
      message: {
        en: `${best.name} had the best marginal return: on its higher-spend days each extra ${money(r, 1, 'en')} brought ${money(r, m, 'en')} (its average ROI ${best.roi === null ? '–' : formatRoi(best.roi, 'en')}).`,
        'zh-CN': `${best.name}边际回报最好：花费更高的日子里，每多花 ${money(r, 1, 'zh-CN')} 多回收 ${money(r, m, 'zh-CN')}（平均投产比 ${best.roi === null ? '–' : formatRoi(best.roi, 'zh-CN')}）。`,
      },
    }];
  }
  // Without days that differ in spend, the best average return is the best evidence there is.
  const top = r.channels.filter((c) => c.roi !== null && c.spend > 0).sort((a, b) => b.roi! - a.roi!)[0];
  if (!top || r.mediaRoi === null || top.roi! <= r.mediaRoi) return [];
  return [{
    kind: 'growth',
    message: {
      en: `${top.name} returned the most per unit of spend: ROI ${formatRoi(top.roi!, 'en')} against the campaign's ${formatRoi(r.mediaRoi, 'en')}.`,
      'zh-CN': `${top.name}投产比最高：${formatRoi(top.roi!, 'zh-CN')}，整体为 ${formatRoi(r.mediaRoi, 'zh-CN')}。`,
    },
  }];
}

function unspent(r: RoiFigures, budget: number): RoiFinding[] {
  const u = r.unspent;
  if (u.total <= 0) return [];
  const parts = (lang: 'en' | 'zh-CN') => {
    const list: string[] = [];
    if (u.rollout > 0) list.push(lang === 'en' ? `${money(r, u.rollout, lang)} of the channels' budget` : `渠道预算 ${money(r, u.rollout, lang)}`);
    if (u.reserve > 0) list.push(lang === 'en' ? `${money(r, u.reserve, lang)} of the reserve` : `预备金 ${money(r, u.reserve, lang)}`);
    if (u.items > 0) list.push(lang === 'en' ? `${money(r, u.items, lang)} under budget item caps` : `预算项目余额 ${money(r, u.items, lang)}`);
    return joinNames(list, lang);
  };
  const channels = (lang: 'en' | 'zh-CN') => joinNames(u.channels.map((c) => `${c.name} ${money(r, c.left, lang)}`), lang);
  const left = u.channels.length > 0;
  return [{
    kind: 'unspent',
    message: {
      en: `${money(r, u.total, 'en')} of the ${money(r, budget, 'en')} budget sat unspent: ${parts('en')}.${left ? ` Left in channel allocations: ${channels('en')}.` : ''}`,
      'zh-CN': `总预算 ${money(r, budget, 'zh-CN')} 中有 ${money(r, u.total, 'zh-CN')} 未花出：${parts('zh-CN')}。${left ? `渠道分配余额：${channels('zh-CN')}。` : ''}`,
    },
  }];
}

function assumptions(r: RoiFigures): RoiFinding[] {
  const out: RoiFinding[] = [];
  const capped = r.items.filter((i) => i.assumed);
  if (capped.length > 0) {
    const list = (lang: 'en' | 'zh-CN') => joinNames(capped.map((i) => `${i.name} ${money(r, i.cap, lang)}`), lang);
    out.push({
      kind: 'assumption',
      message: {
        en: `Budget items without a recorded actual are counted at their cap: ${list('en')}.`,
        'zh-CN': `未记录实际花费的预算项目按上限计入：${list('zh-CN')}。`,
      },
    });
  }
  const uncosted = r.people.filter((p) => p.cost === null);
  if (uncosted.length > 0) {
    const names = (lang: 'en' | 'zh-CN') => joinNames(uncosted.map((p) => p.name), lang);
    out.push({
      kind: 'assumption',
      message: {
        en: `${formatNumber(r.input.uncostedHours, 'en')} hours of people without an hourly cost are not in the input (${names('en')}).`,
        'zh-CN': `未设置时薪的成员共 ${formatNumber(r.input.uncostedHours, 'zh-CN')} 小时未计入投入（${names('zh-CN')}）。`,
      },
    });
  }
  if (r.people.length > 0) {
    out.push({
      kind: 'assumption',
      message: {
        en: `People's hours are estimated: ${HOURS_PER_TASK_DAY} hours per task day for the task owner and ${HOURS_PER_GATE_DECISION} hour per gate decision.`,
        'zh-CN': `人员工时为估算：任务负责人按每个任务日 ${HOURS_PER_TASK_DAY} 小时，每次关卡决策 ${HOURS_PER_GATE_DECISION} 小时。`,
      },
    });
  }
  return out;
}
