/**
 * `campaign plan preview` as text: the plan's dates, pilot, crisis rule, content per channel and
 * publishing calendar (domain/plan/preview.ts), in the reader's language.
 */
import type { Lang } from '../../domain/plan/issues.js';
import { criteriaInWords, crisisInWords, type CalendarDay, type ContentPreview, type PhaseDates, type PlanPreview, type VariantPreview } from '../../domain/plan/preview.js';

const WORDS = {
  en: {
    preview: 'Preview of', dates: 'Dates (each task taking its duration, each gate signed off by its deadline)',
    preparation: 'preparation', pilot: 'pilot', warmup: 'warm-up', rollout: 'rollout', closing: 'closing',
    startsWhenStarted: 'no start date: the campaign starts when it is started; days are counted from then',
    day: 'day', from: 'from', pilotLine: 'Pilot', for: 'for', goWhen: 'go when', decides: 'decides', noCriteria: 'no criteria: a person judges',
    crisisLine: 'Crisis',
    noCrisis: 'no crisis rule', content: 'Content', reviewedAt: 'reviewed at gate', notReviewed: 'no gate reviews the content',
    post: 'post', posts: 'posts', perChannel: 'per channel', title: 'title', text: 'text', summary: 'summary', tags: 'tags',
    media: 'media', image: 'image', images: 'images', video: 'video', videos: 'videos', cover: 'cover', none: 'none', noContent: 'no content',
    calendar: 'Publishing calendar', noPosts: 'no posts planned', errors: 'error', warnings: 'warning',
  },
  'zh-CN': {
    preview: '预览', dates: '日期(假设每个任务按时完成、每个关卡在时限内通过)',
    preparation: '准备', pilot: '试点', warmup: '预热', rollout: '全面推广', closing: '收尾',
    startsWhenStarted: '没有开始日期: 活动在启动时开始, 天数从启动时算起',
    day: '第', from: '从', pilotLine: '试点', for: '为期', goWhen: '通过条件', decides: '决策', noCriteria: '没有量化条件, 由人判断',
    crisisLine: '危机',
    noCrisis: '没有危机规则', content: '内容', reviewedAt: '审核关卡', notReviewed: '没有关卡审核内容',
    post: '次', posts: '次', perChannel: '每个渠道', title: '标题', text: '正文', summary: '摘要', tags: '话题',
    media: '素材', image: '张图片', images: '张图片', video: '个视频', videos: '个视频', cover: '封面', none: '无', noContent: '没有内容',
    calendar: '发布日历', noPosts: '没有计划发布', errors: '错误', warnings: '提醒',
  },
} as const;

type Words = { readonly [K in keyof typeof WORDS.en]: string };

const money = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
const who = (p: { id: string; name?: string | undefined }): string => (p.name ? `${p.id} (${p.name})` : p.id);

export function renderPlanPreview(preview: PlanPreview, lang: Lang): string {
  const w: Words = WORDS[lang];
  return [
    `${w.preview} ${preview.id}: ${preview.name} (${preview.timezone})`,
    dates(preview, w, lang),
    pilot(preview, w, lang),
    crisis(preview, w, lang),
    content(preview, w, lang),
    calendar(preview, w, lang),
  ].join('\n\n');
}

function dayLabel(day: number, w: Words, lang: Lang): string {
  return lang === 'zh-CN' ? `${w.day} ${day} 天` : `${w.day} ${day}`;
}

function dates(preview: PlanPreview, w: Words, lang: Lang): string {
  const label = (p: PhaseDates): string => {
    const at = (date: string | undefined, day: number): string => date ?? dayLabel(day, w, lang);
    if (p.toDay === undefined) return `${w.from} ${at(p.from, p.fromDay)}`;
    return `${at(p.from, p.fromDay)} – ${at(p.to, p.toDay)}${p.duration ? `  (${p.duration})` : ''}`;
  };
  const width = Math.max(...preview.phases.map((p) => w[p.phase].length));
  const rows = preview.phases.map((p) => `  ${w[p.phase].padEnd(width)}  ${label(p)}`);
  return [w.dates, ...(preview.start ? [] : [`  ${w.startsWhenStarted}`]), ...rows].join('\n');
}

function pilot(preview: PlanPreview, w: Words, lang: Lang): string {
  const p = preview.pilot;
  if (!p) return `${w.pilotLine}: ${w.none}`;
  const goWhen = p.criteria.length > 0 ? `${w.goWhen} ${criteriaInWords(p, lang)}` : w.noCriteria;
  return `${w.pilotLine}: ${p.channels.join(', ')}, ${money(p.budget)} ${preview.currency} ${w.for} ${p.duration}; ${goWhen}; ${who(p.decidedBy)} ${w.decides}`;
}

function crisis(preview: PlanPreview, w: Words, lang: Lang): string {
  return `${w.crisisLine}: ${preview.crisis ? crisisInWords(preview.crisis, lang) : w.noCrisis}`;
}

function content(preview: PlanPreview, w: Words, lang: Lang): string {
  const gate = preview.contentReviewGate ? `${w.reviewedAt} ${preview.contentReviewGate}` : w.notReviewed;
  if (preview.content.length === 0) return `${w.content}: ${w.noContent}`;
  return [`${w.content} (${gate})`, ...preview.content.map((item) => contentItem(item, w, lang))].join('\n');
}

function contentItem(item: ContentPreview, w: Words, lang: Lang): string {
  const times = lang === 'zh-CN' ? `${w.perChannel} ${item.posts} ${w.posts}` : `${item.posts} ${item.posts === 1 ? w.post : w.posts} ${w.perChannel}`;
  return [`  ${item.id} — ${item.title} (${w[item.phase]}, ${times})`, ...item.variants.map((v) => variant(v, w, lang))].join('\n');
}

function variant({ variant: v, findings }: VariantPreview, w: Words, lang: Lang): string {
  const lines = [`    ${v.channelName ? `${v.channelName} (${v.channelId})` : v.channelId} · ${v.kind}`];
  if (v.title !== '') lines.push(`      ${w.title}: ${v.title}`);
  lines.push(`      ${w.text}: ${excerpt(v.body)}`);
  if (v.summary !== undefined) lines.push(`      ${w.summary}: ${excerpt(v.summary)}`);
  if (v.tags.length > 0) lines.push(`      ${w.tags}: ${v.tags.join(' ')}`);
  lines.push(`      ${w.media}: ${mediaLine(v.media, v.cover !== undefined, w, lang)}`);
  for (const f of findings) {
    const mark = f.severity === 'error' ? `✗ ${w.errors}` : `! ${w.warnings}`;
    lines.push(`      ${mark}: ${f.message[lang]}${f.fix ? `\n        → ${f.fix[lang]}` : ''}`);
  }
  return lines.join('\n');
}

/** The first line, up to 60 characters: enough to see how the text opens on the channel. */
function excerpt(text: string): string {
  const first = (text.split('\n')[0] ?? '').trim();
  const chars = [...first];
  const more = chars.length > 60 || text.includes('\n');
  return `${chars.slice(0, 60).join('').trimEnd()}${more ? ' …' : ''}`;
}

function mediaLine(media: readonly { kind: 'image' | 'video' }[], cover: boolean, w: Words, lang: Lang): string {
  const images = media.filter((m) => m.kind === 'image').length;
  const videos = media.filter((m) => m.kind === 'video').length;
  const parts = [
    ...(images > 0 ? [lang === 'zh-CN' ? `${images} ${w.image}` : `${images} ${images === 1 ? w.image : w.images}`] : []),
    ...(videos > 0 ? [lang === 'zh-CN' ? `${videos} ${w.video}` : `${videos} ${videos === 1 ? w.video : w.videos}`] : []),
  ];
  if (parts.length === 0) return w.none;
  return `${parts.join(', ')}${cover ? ` (${lang === 'zh-CN' ? '第一张图片为封面' : 'the first image is the cover'})` : ''}`;
}

function calendar(preview: PlanPreview, w: Words, lang: Lang): string {
  if (preview.calendar.length === 0) return `${w.calendar}: ${w.noPosts}`;
  const day = (d: CalendarDay): string => {
    const when = d.date ?? dayLabel(d.day, w, lang);
    const slots = d.slots.map((s) => `${s.time} ${s.channelId} ${s.contentId}${s.n > 1 ? ` #${s.n}` : ''}`);
    return `  ${when}  ${w[d.phase]}  ${slots.join(' · ')}`;
  };
  const notes = preview.calendarNotes.map((note) => `  ! ${note[lang]}`);
  return [w.calendar, ...preview.calendar.map(day), ...notes].join('\n');
}
