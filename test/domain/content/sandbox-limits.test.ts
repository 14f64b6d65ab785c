/**
 * The variants the builder makes must get past the sandbox platform, which refuses posts the way
 * real platforms do (sandbox/publishing-rules.ts), and through its wire format.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintVariant, planVariants } from '../../../domain/content/lint.js';
import { buildVariant, type ContentItem } from '../../../domain/content/variants.js';
import { validatePlanText } from '../../../domain/plan/validate.js';
import { CHANNEL_KINDS } from '../../../domain/plan/schema.js';
import { publishingRefusal } from '../../../sandbox/publishing-rules.js';
import { postBodySchema } from '../../../sandbox/wire.js';
import { EXAMPLES, readRepoFile } from '../plan/plan-fixtures.js';

function submission(variant: ReturnType<typeof buildVariant>) {
  return { contentId: variant.contentId, title: variant.title, body: variant.body, idempotencyKey: `post:${variant.contentId}:${variant.channelId}` };
}

describe('variants against the sandbox platform', () => {
  it.each(EXAMPLES)('every variant of %s is accepted', (file) => {
    const result = validatePlanText(readRepoFile(file), { lang: 'en' });
    if (!result.ok) throw new Error(`${file} must be valid`);
    const variants = planVariants(result.plan);
    expect(variants.length).toBeGreaterThan(0);
    for (const variant of variants) {
      expect(publishingRefusal(variant.kind, variant), `${variant.contentId} on ${variant.channelId}`).toBeUndefined();
      expect(postBodySchema.safeParse(submission(variant)).success).toBe(true);
    }
  });

  it('accepts every variant the lint finds no error in, for any content and kind', () => {
    const media = fc.record({ kind: fc.constantFrom('image' as const, 'video' as const), url: fc.webUrl() });
    const text = (max: number) => fc.string({ unit: fc.constantFrom('春', '茶', 'a', ' ', '。', '👍', 'é', '\u0301'), maxLength: max });
    const content: fc.Arbitrary<ContentItem> = fc.record({
      id: fc.constant('c'),
      title: text(120).filter((t) => t.trim() !== ''),
      body: text(2_500),
      media: fc.array(media, { maxLength: 12 }),
      tags: fc.array(text(8), { maxLength: 6 }),
    });
    fc.assert(fc.property(content, fc.constantFrom(...CHANNEL_KINDS), (item, kind) => {
      const variant = buildVariant(item, { id: 'ch', kind });
      const errors = lintVariant(variant).filter((v) => v.severity === 'error');
      if (errors.length === 0) expect(publishingRefusal(kind, variant)).toBeUndefined();
    }), { numRuns: 400 });
  });
});
