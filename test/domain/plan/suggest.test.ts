/** "Did you mean …?" */
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../domain/plan/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions, and a swap of neighbours as one edit', () => {
    expect(editDistance('accountable', 'acountable')).toBe(1);
    expect(editDistance('goals', 'gaols')).toBe(1);
    expect(editDistance('wang.wei', 'wang.wi')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('gives up past a limit, answering one more than the limit', () => {
    expect(editDistance('wechat', 'weixin', 2)).toBe(3);
    expect(editDistance('ab', 'abcdef', 2)).toBe(3);
    expect(editDistance('title', 'titel', 2)).toBe(1);
  });
});

describe('didYouMean', () => {
  const keys = ['id', 'title', 'accountable', 'responsible', 'consulted', 'informed', 'dependsOn'];

  it('suggests the nearest key within two edits, ignoring case', () => {
    expect(didYouMean('titel', keys)).toBe('title');
    expect(didYouMean('Accountable', keys)).toBe('accountable');
    expect(didYouMean('dependson', keys)).toBe('dependsOn');
    expect(didYouMean('informd', keys)).toBe('informed');
  });

  it('suggests nothing for words that are not near any key', () => {
    expect(didYouMean('budget', keys)).toBeUndefined();
    expect(didYouMean('consultedpeople', keys)).toBeUndefined();
  });

  it('is stricter with short words, where two edits change everything', () => {
    expect(didYouMean('xy', keys)).toBeUndefined();
    expect(didYouMean('di', keys)).toBe('id');
  });
});
