import { describe, expect, it } from 'vitest';
import { bigrams, documentTokens, searchQuery, splitText, textMatches, tsvectorLiteral } from '../../../domain/cases/search-tokens.js';

describe('search tokens', () => {
  it('splits Chinese into runs and Latin text into lower-cased words, full-width letters included', () => {
    expect(splitText('下次要提前两周备货, Stock up EARLY! ＫＯＣ种草2027')).toEqual({
      cjk: ['下次要提前两周备货', '种草'],
      words: ['stock', 'up', 'early', 'koc', '2027'],
    });
  });

  it('indexes every bigram and every single character of a Chinese run', () => {
    expect(bigrams('提前备货')).toEqual(['提前', '前备', '备货']);
    expect(bigrams('茶')).toEqual(['茶']);
    expect(documentTokens('提前备货 KOL')).toEqual(['提', '提前', '前', '前备', '备', '备货', '货', 'kol']);
  });

  it('builds a tsvector literal with positions and weights, quoting lexemes', () => {
    expect(tsvectorLiteral([{ weight: 'A', texts: ['春茶'] }, { weight: 'B', texts: ["it's"] }])).toBe("'春':1A '春茶':2A '茶':3A 'it':5B 's':6B");
  });

  it('matches a Chinese phrase by consecutive pairs in either cut, so words may stand apart in the text', () => {
    expect(searchQuery('提前备货')).toBe("(('提前' & '备货') | ('提' & '前备' & '货'))");
    expect(searchQuery('茶')).toBe("'茶'");
    expect(searchQuery('备货')).toBe("'备货'");
    expect(searchQuery('Stock early 备货')).toBe("'备货' & 'stock':* & 'early':*");
    expect(searchQuery('!!! ...')).toBeUndefined();
    expect(textMatches('下次要提前两周备货', '提前备货')).toBe(true);
    expect(textMatches('下次要提前两周备货', '要提前备货')).toBe(true);
    expect(textMatches('下次要提前两周备货', '推迟备货')).toBe(false);
    expect(textMatches('Stock up two weeks earlier', 'stock week')).toBe(true);
    expect(textMatches('Stock up two weeks earlier', 'stock month')).toBe(false);
  });
});
