/**
 * Lengths as platforms count them, and cutting text to fit. Chinese platforms count a Chinese
 * character as one character in their editors; Baidu's ad system counts bytes, where a Chinese
 * character (or any non-ASCII one) is two. Some platforms count ASCII as half a character (Weibo's
 * counter did); counting it as a whole one never under-counts, so text that fits here fits there.
 */

/** `chars`: Unicode code points (an emoji made of several counts as several). `bytes`: ASCII 1, others 2. */
export type LengthUnit = 'chars' | 'bytes';

export function measure(text: string, unit: LengthUnit): number {
  let length = 0;
  for (const ch of text) length += unit === 'bytes' && ch.codePointAt(0)! > 0x7f ? 2 : 1;
  return length;
}

const ELLIPSIS = '…';
// Cutting after a comma or an opening bracket reads as a mistake; the ellipsis replaces them.
const TRAILING = /[\s,，、;；:：(（[【《「『"“'‘\-—]+$/u;

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * The text cut to at most `max` units with an ellipsis, between user-perceived characters
 * (graphemes), so an emoji or a letter with its accent is never split. Unchanged when it fits.
 */
export function truncate(text: string, max: number, unit: LengthUnit): string {
  if (measure(text, unit) <= max) return text;
  const room = max - measure(ELLIPSIS, unit);
  if (room < 0) return '';
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = measure(segment, unit);
    if (used + size > room) break;
    kept += segment;
    used += size;
  }
  return kept.replace(TRAILING, '') + ELLIPSIS;
}

/** The first sentence or paragraph, for a summary line (WeChat digest, e-mail preheader). */
export function leadSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // A Latin full stop ends a sentence only before a space, so 0.5 and v1.2 stay whole.
  const end = flat.search(/[。！？]|[.!?](?=\s|$)/u);
  return end === -1 ? flat : flat.slice(0, end + 1);
}
