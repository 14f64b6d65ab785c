/** Times and spans as people read them in a message: local wall-clock time and "2 days 3 hours". */
import type { NotificationLanguage } from './messages.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `2027-03-01 09:00` in the given time zone: the same digits in every language. */
export function formatInstant(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

const UNITS = {
  en: { day: ['day', 'days'], hour: ['hour', 'hours'], minute: ['minute', 'minutes'], joiner: ' ' },
  'zh-CN': { day: ['天', '天'], hour: ['小时', '小时'], minute: ['分钟', '分钟'], joiner: '' },
} as const;

/** A span in its two largest units, which is as precise as a waiting time needs to be. */
export function formatSpan(ms: number, language: NotificationLanguage): string {
  const units = UNITS[language];
  const amounts: Array<[number, readonly [string, string]]> = [
    [Math.floor(ms / DAY), units.day],
    [Math.floor((ms % DAY) / HOUR), units.hour],
    [Math.floor((ms % HOUR) / MINUTE), units.minute],
  ];
  const first = amounts.findIndex(([n]) => n > 0);
  if (first === -1) return language === 'en' ? 'less than a minute' : '不到1分钟';
  return amounts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, [one, many]]) => (language === 'en' ? `${n} ${n === 1 ? one : many}` : `${n}${one}`))
    .join(units.joiner);
}
