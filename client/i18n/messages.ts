/** The message catalogue for a language: English, or Chinese (zh-CN). */
import type { Lang } from '../../domain/plan/validate.js';
import { en, type Messages } from './en.js';
import { zhCN } from './zh-CN.js';

export type { Messages } from './en.js';

export function messagesFor(lang: Lang): Messages {
  return lang === 'zh-CN' ? zhCN : en;
}
