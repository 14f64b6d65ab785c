import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadSentence, measure, truncate } from '../../../domain/content/text-length.js';

describe('text length and truncation', () => {
  it('counts a Chinese character as one character and two bytes', () => {
    expect(measure('春茶 tea', 'chars')).toBe(6);
    expect(measure('春茶 tea', 'bytes')).toBe(8);
    expect(measure('', 'bytes')).toBe(0);
  });

  it('cuts with an ellipsis and never inside an emoji or an accented letter', () => {
    expect(truncate('一杯春茶的旅程', 10, 'chars')).toBe('一杯春茶的旅程');
    expect(truncate('一杯春茶的旅程从茶园到茶杯', 6, 'chars')).toBe('一杯春茶的…');
    const family = '👨‍👩‍👧';
    expect(truncate(`ab${family}cd`, 6, 'chars')).toBe('ab…');
    expect(truncate('cafe\u0301 time', 6, 'chars')).toBe('cafe\u0301…');
    expect(truncate('cafe\u0301 time', 5, 'chars')).toBe('caf…');
    expect(truncate('Cloud cost control webinar', 10, 'bytes')).toBe('Cloud co…');
    expect(truncate('春季新茶上市', 7, 'bytes')).toBe('春季…');
    expect(truncate('春季新茶上市', 8, 'bytes')).toBe('春季新…');
  });

  it('does not leave a comma or an opening bracket before the ellipsis', () => {
    expect(truncate('春茶上市，限时优惠', 6, 'chars')).toBe('春茶上市…');
    expect(truncate('New tea (limited) now', 10, 'chars')).toBe('New tea…');
  });

  it('returns nothing when not even the ellipsis fits', () => {
    expect(truncate('春茶', 1, 'bytes')).toBe('');
  });

  it('always fits the limit and keeps a prefix of the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom('chars' as const, 'bytes' as const), (text, max, unit) => {
      const cut = truncate(text, max, unit);
      expect(measure(cut, unit)).toBeLessThanOrEqual(Math.max(max, 0));
      if (measure(text, unit) <= max) expect(cut).toBe(text);
      else if (cut !== '') expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    }));
  });

  it('takes the first sentence for a summary line', () => {
    expect(leadSentence('从茶园到茶杯。讲述春季新茶的采摘。')).toBe('从茶园到茶杯。');
    expect(leadSentence('Three practices, shown live.  With Q&A.')).toBe('Three practices, shown live.');
    expect(leadSentence('Version 1.2 is\nout')).toBe('Version 1.2 is out');
  });
});
