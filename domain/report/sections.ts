/**
 * The closing report's content in one language, section by section (P3.1–P3.10), as blocks both
 * renderers draw. Order follows the retrospective meeting: results first, then what people say,
 * then money, then how the plan held, then what to carry into the next campaign.
 */
import { formatInstant } from '../notifications/time.js';
import { rehearsalLine } from '../rehearsal.js';
import type { KpiAttainment } from '../closing/attainment.js';
import { formatDays, formatMoney, formatNumber, formatPercent, formatRoi, type ReportLanguage } from './format.js';
import type { Block, Chart } from './blocks.js';
import type { CampaignReport } from './model.js';
import { PALETTE, type Tone } from './svg.js';
import { reportTexts, type ReportTexts } from './texts.js';

interface Context {
  report: CampaignReport;
  lang: ReportLanguage;
  t: ReportTexts;
  money(amount: number): string;
  num(value: number): string;
  pct(rate: number): string;
  ratio(roi: number | null): string;
  person(id: string | null): string;
}

export function reportBlocks(report: CampaignReport, lang: ReportLanguage): Block[] {
  const t = reportTexts(lang);
  const names = new Map(report.people.map((p) => [p.id, p.name]));
  const c: Context = {
    report,
    lang,
    t,
    money: (amount) => formatMoney(amount, report.campaign.currency, lang),
    num: (value) => formatNumber(value, lang),
    pct: (rate) => formatPercent(rate, lang),
    ratio: (roi) => (roi === null ? t.none : formatRoi(roi, lang)),
    person: (id) => (id === null ? t.none : names.get(id) ?? id),
  };
  return [
    ...header(c), ...summary(c), ...kpis(c), ...qualitative(c), ...retrospective(c), ...roi(c), ...efficiency(c),
    ...allocation(c), ...schedule(c), ...practices(c), ...training(c),
    { kind: 'paragraph', text: t.archive(report.archive.key), muted: true },
  ];
}

function header({ report, lang, t, person }: Context): Block[] {
  const k = report.campaign;
  const items: Array<[string, string]> = [
    [t.campaignId, k.id],
    [t.owner, person(k.owner)],
    [t.accountable, person(k.accountable)],
  ];
  if (k.days) items.push([t.period, t.days(k.days.fromDay, k.days.toDay)]);
  items.push([t.closedAt, `${formatInstant(k.closedAt, k.timezone)}${t.paren(k.timezone)}`], [t.currency, k.currency]);
  if (k.strategy) {
    const core = t.strategies[k.strategy.core] ?? k.strategy.core;
    items.push([t.strategy, k.strategy.summary ? `${core}${t.colon}${k.strategy.summary}` : core]);
  }
  // A rehearsal says so before anything else, so nobody reads its numbers as a real campaign's.
  const badge: Block[] = k.rehearsal ? [{ kind: 'paragraph', text: rehearsalLine(k.rehearsal)[lang] }] : [];
  return [{ kind: 'heading', level: 1, text: t.title(k.name) }, ...badge, { kind: 'facts', items }];
}

function summary(c: Context): Block[] {
  const { report, t, lang } = c;
  const s = report.summary;
  const findings = report.roi.findings.filter((f) => f.kind !== 'assumption');
  const highlights = [
    ...findings.filter((f) => f.kind === 'growth').slice(0, 1),
    ...findings.filter((f) => f.kind === 'waste').slice(0, 1),
    ...findings.filter((f) => f.kind === 'unspent').slice(0, 1),
  ].map((f) => f.message[lang]);
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: t.summary },
    { kind: 'paragraph', text: t.kpisReached(s.kpis.met + s.kpis.exceeded, s.kpis.total) },
    {
      kind: 'facts',
      items: [
        [t.totalInput, c.money(s.input)],
        [t.totalReturn, c.money(s.return)],
        [t.roi, c.ratio(s.roi)],
        [t.net, c.money(s.net)],
        [t.budgetUsed, s.budgetUsed === null ? t.none : c.pct(s.budgetUsed)],
      ],
    },
  ];
  if (highlights.length > 0) blocks.push({ kind: 'heading', level: 3, text: t.highlights }, { kind: 'list', items: highlights });
  return blocks;
}

function tone(k: KpiAttainment): Tone {
  return k.verdict === 'missed' ? 'bad' : k.verdict === 'unknown' ? 'unknown' : 'good';
}

function verdictText(k: KpiAttainment, t: ReportTexts): string {
  return k.better === 'lower' ? `${t.verdicts[k.verdict]}${t.paren(t.lowerIsBetter)}` : t.verdicts[k.verdict];
}

function kpis(c: Context): Block[] {
  const { report, t, lang } = c;
  const chart: Chart = {
    kind: 'attainment',
    title: t.charts.attainment,
    targetLabel: t.charts.targetLine,
    bars: report.kpis.map((k) => ({
      label: k.name,
      rate: k.attainment,
      tone: tone(k),
      valueLabel: k.attainment === null ? t.verdicts.unknown : c.pct(k.attainment),
    })),
  };
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: t.kpis },
    { kind: 'chart', chart },
    {
      kind: 'table',
      head: [t.kpi, t.owner, t.target, t.actual, t.attainment, t.verdict],
      numeric: [2, 3, 4],
      rows: report.kpis.map((k) => [
        k.name, c.person(k.owner), c.num(k.target), k.actual === null ? t.none : c.num(k.actual),
        k.attainment === null ? t.none : c.pct(k.attainment), verdictText(k, t),
      ]),
    },
  ];
  for (const k of report.kpis) {
    const offTarget = k.verdict === 'missed' || k.verdict === 'exceeded';
    if (!offTarget && !k.analysis) continue;
    const rate = k.attainment === null ? '' : t.paren(c.pct(k.attainment));
    blocks.push({ kind: 'heading', level: 3, text: `${k.name}${t.colon}${verdictText(k, t)}${rate}` });
    if (k.hints.length > 0) blocks.push({ kind: 'list', items: k.hints.map((h) => h.message[lang]) });
    else if (offTarget) blocks.push({ kind: 'paragraph', text: t.noHints, muted: true });
    if (k.analysis) {
      const cause = k.analysis.cause ? t.paren(t.causeKinds[k.analysis.cause]) : '';
      blocks.push({ kind: 'note', label: `${t.analysisBy(c.person(k.analysis.by))}${cause}`, text: k.analysis.text });
    } else {
      blocks.push({ kind: 'paragraph', text: t.noAnalysis(c.person(k.owner ?? report.campaign.accountable)), muted: true });
    }
  }
  return blocks;
}

function qualitative(c: Context): Block[] {
  const { report, t } = c;
  const q = report.qualitative;
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: t.qualitative }];
  if (!q.survey && q.sentiment.length === 0 && q.notes.length === 0) {
    return [...blocks, { kind: 'paragraph', text: t.notProvided, muted: true }];
  }
  if (q.survey) {
    const facts: Array<[string, string]> = [];
    if (q.survey.method) facts.push([t.method, q.survey.method]);
    if (q.survey.respondents !== undefined) facts.push([t.respondents, c.num(q.survey.respondents)]);
    blocks.push({ kind: 'heading', level: 3, text: t.survey });
    if (facts.length > 0) blocks.push({ kind: 'facts', items: facts });
    blocks.push({ kind: 'paragraph', text: q.survey.summary });
    if (q.survey.scores?.length) {
      blocks.push({
        kind: 'table',
        head: [t.score, t.value],
        numeric: [1],
        rows: q.survey.scores.map((s) => [s.name, s.outOf === undefined ? c.num(s.value) : `${c.num(s.value)} / ${c.num(s.outOf)}`]),
      });
    }
  }
  if (q.sentiment.length > 0) {
    blocks.push(
      { kind: 'heading', level: 3, text: t.sentiment },
      {
        kind: 'chart',
        chart: {
          kind: 'stacked', title: t.charts.sentiment, xLabel: t.charts.rolloutDay, step: false, money: false,
          xs: q.sentiment.map((p) => p.day),
          series: [
            { label: t.positive, values: q.sentiment.map((p) => p.positive) },
            { label: t.neutral, values: q.sentiment.map((p) => p.neutral) },
            { label: t.negative, values: q.sentiment.map((p) => p.negative) },
          ],
          colors: ['#16a34a', '#9ca3af', '#dc2626'],
        },
      },
      {
        kind: 'table',
        head: [t.day, t.positive, t.neutral, t.negative, t.negativeShare],
        numeric: [0, 1, 2, 3, 4],
        rows: q.sentiment.map((p) => [
          String(p.day), c.num(p.positive), c.num(p.neutral), c.num(p.negative), p.negativeShare === null ? t.none : c.pct(p.negativeShare),
        ]),
      },
    );
  }
  if (q.notes.length > 0) blocks.push({ kind: 'heading', level: 3, text: t.notes }, { kind: 'list', items: q.notes });
  return blocks;
}

function retrospective(c: Context): Block[] {
  const { report, t } = c;
  const answers = report.retrospective;
  const empty: Block = { kind: 'paragraph', text: t.noAnswers, muted: true };
  const worked = answers.flatMap((a) => a.worked.map((w) => `${w} — ${a.name}`));
  const didNot = answers.flatMap((a) => a.didNot.map((d) => [d.what, d.rootCause, a.name]));
  const lessons = answers.flatMap((a) => a.lessons.map((l) => [l.text, l.skills.join(t.listSeparator), a.name]));
  return [
    { kind: 'heading', level: 2, text: t.worked },
    worked.length > 0 ? { kind: 'list', items: worked } : empty,
    { kind: 'heading', level: 2, text: t.didNot },
    didNot.length > 0 ? { kind: 'table', head: [t.what, t.rootCause, t.person], rows: didNot, numeric: [] } : empty,
    { kind: 'heading', level: 2, text: t.lessons },
    lessons.length > 0 ? { kind: 'table', head: [t.lessons, t.skills, t.person], rows: lessons, numeric: [] } : empty,
  ];
}

/** A two-column table of labelled amounts of money. */
function amountsTable(c: Context, label: string, amounts: [string, number][]): Block {
  return { kind: 'table', head: [label, c.t.total], numeric: [1], rows: amounts.map(([what, amount]) => [what, c.money(amount)]) };
}

function roi(c: Context): Block[] {
  const { report, t } = c;
  const r = report.roi;
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: t.roiSection },
    amountsTable(c, t.inputs, [
      [t.media, r.input.media], [t.budgetItems, r.input.items], [t.people, r.input.people], [t.totalInput, r.input.total],
    ]),
    amountsTable(c, t.returns, [[t.revenue, r.return.revenue], [t.leadValue, r.return.leadValue], [t.totalReturn, r.return.total]]),
    { kind: 'facts', items: [[t.roi, c.ratio(r.roi)], [t.mediaRoi, c.ratio(r.mediaRoi)], [t.net, c.money(r.net)]] },
  ];
  if (r.items.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: t.budgetItems }, {
      kind: 'table',
      head: [t.item, t.cap, t.spent],
      numeric: [1, 2],
      rows: r.items.map((i) => [i.name, c.money(i.cap), i.assumed ? `${c.money(i.spent)}${t.paren(t.atCap)}` : c.money(i.spent)]),
    });
  }
  if (r.people.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: t.people }, {
      kind: 'table',
      head: [t.person, t.hours, t.hourlyCost, t.cost],
      numeric: [1, 2, 3],
      rows: r.people.map((p) => [p.name, c.num(p.hours), p.hourlyCost === null ? t.none : c.money(p.hourlyCost), p.cost === null ? t.none : c.money(p.cost)]),
    });
  }
  return blocks;
}

function efficiency(c: Context): Block[] {
  const { report, t, lang } = c;
  const r = report.roi;
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: t.efficiency }];
  const unattributed = `${t.unattributed}${t.colon}${t.spend} ${c.money(r.unattributed.spend)}${t.comma}${t.totalReturn} ${c.money(r.unattributed.return)}`;
  if (r.channels.length > 0) {
    blocks.push(
      {
        kind: 'chart',
        chart: {
          kind: 'shares', title: t.charts.spendVsConversions, firstName: t.spendShare, secondName: t.conversionShare,
          pairs: r.channels.map((ch) => ({
            label: ch.name,
            first: ch.spendShare,
            second: ch.conversionShare,
            firstLabel: `${c.pct(ch.spendShare)} · ${c.money(ch.spend)}`,
            secondLabel: `${c.pct(ch.conversionShare)} · ${c.num(ch.conversions)}`,
          })),
        },
      },
      {
        kind: 'table',
        head: [t.channel, t.spend, t.revenue, t.conversions, t.roi, t.marginalRoi, t.spendShare, t.conversionShare],
        numeric: [1, 2, 3, 4, 5, 6, 7],
        rows: r.channels.map((ch) => [
          ch.name, c.money(ch.spend), c.money(ch.revenue), c.num(ch.conversions), c.ratio(ch.roi), c.ratio(ch.marginalRoi),
          c.pct(ch.spendShare), c.pct(ch.conversionShare),
        ]),
      },
    );
  }
  if (r.content.length > 0) {
    const channelNames = new Map(r.channels.map((ch) => [ch.channelId, ch.name]));
    blocks.push({ kind: 'heading', level: 3, text: t.content }, {
      kind: 'table',
      head: [t.content, t.channels, t.posts, t.spend, t.totalReturn, t.roi],
      numeric: [2, 3, 4, 5],
      rows: r.content.map((item) => [
        item.title, item.channels.map((id) => channelNames.get(id) ?? id).join(t.listSeparator), c.num(item.posts),
        c.money(item.spend), c.money(item.return), c.ratio(item.roi),
      ]),
    });
    if (r.unattributed.spend > 0 || r.unattributed.return > 0) {
      blocks.push({ kind: 'paragraph', muted: true, text: unattributed });
    }
  }
  if (r.findings.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: t.findings }, { kind: 'list', items: r.findings.map((f) => f.message[lang]) });
  }
  return blocks;
}

function allocation(c: Context): Block[] {
  const { report, t } = c;
  const { channels, points } = report.allocation;
  if (channels.length === 0) return [];
  return [
    { kind: 'heading', level: 2, text: t.allocation },
    { kind: 'paragraph', text: t.allocationNote, muted: true },
    {
      kind: 'chart',
      chart: {
        kind: 'stacked', title: t.charts.allocation, xLabel: t.charts.rolloutDay, step: true, money: true,
        xs: points.map((p) => p.day),
        series: channels.map((ch) => ({ label: ch.name, values: points.map((p) => p.allocations[ch.id] ?? 0) })),
        colors: PALETTE,
      },
    },
    {
      kind: 'table',
      head: [t.day, ...channels.map((ch) => ch.name)],
      numeric: channels.map((_, i) => i + 1),
      rows: points.map((p) => [String(p.day), ...channels.map((ch) => c.money(p.allocations[ch.id] ?? 0))]),
    },
  ];
}

function schedule(c: Context): Block[] {
  const { report, t, lang } = c;
  const tasks = report.schedule;
  if (tasks.length === 0) return [];
  const range = (r: { start: number; finish: number }) => t.dayRange(formatDays(r.start, lang), formatDays(r.finish, lang));
  return [
    { kind: 'heading', level: 2, text: t.schedule },
    {
      kind: 'chart',
      chart: {
        kind: 'gantt', title: t.charts.schedule, dayLabel: t.charts.rolloutDay,
        rows: tasks.map((task) => ({ label: task.name, planned: task.planned, actual: task.actual })),
      },
    },
    {
      kind: 'table',
      head: [t.task, t.owner, t.phase, t.planned, t.actual, t.slip],
      numeric: [5],
      rows: tasks.map((task) => [
        task.name, task.ownerName, t.phases[task.phase], range(task.planned), task.actual ? range(task.actual) : t.notDone,
        task.slip === null ? t.none : `${task.slip > 0 ? '+' : ''}${formatDays(task.slip, lang)}`,
      ]),
    },
  ];
}

function practices(c: Context): Block[] {
  const { report, t } = c;
  if (report.practices.length === 0) return [];
  return [
    { kind: 'heading', level: 2, text: t.practices },
    { kind: 'paragraph', text: t.practicesNote, muted: true },
    {
      kind: 'table',
      head: [t.worked, t.saidBy],
      numeric: [],
      rows: report.practices.map((p) => [p.text, p.people.join(t.listSeparator)]),
    },
  ];
}

function training(c: Context): Block[] {
  const { report, t } = c;
  if (report.training.length === 0) return [];
  return [
    { kind: 'heading', level: 2, text: t.training },
    ...report.training.flatMap((role): Block[] => [
      { kind: 'heading', level: 3, text: `${t.role}${t.colon}${role.role === null ? t.noRole : t.roles[role.role] ?? role.role}` },
      {
        kind: 'table',
        head: [t.skill, t.lessonCount, t.saidBy],
        numeric: [1],
        rows: role.topics.map((topic) => [topic.skill, c.num(topic.lessons), topic.people.join(t.listSeparator)]),
      },
    ]),
  ];
}
