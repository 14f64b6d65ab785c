import { describe, expect, it } from 'vitest';
import { crisisActionInputSchema, pilotDecisionInputSchema } from '../../../domain/execution/actions.js';

/** The issue paths of a refused input, or [] when it is accepted. */
function refusedAt(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }): string[] {
  return result.success ? [] : result.error!.issues.map((i) => i.path.join('.'));
}

describe('pilotDecisionInputSchema', () => {
  it('accepts go without a comment', () => {
    expect(pilotDecisionInputSchema.safeParse({ decision: 'go', by: 'li.na' }).success).toBe(true);
  });

  it('needs extendBy, as a duration, to extend', () => {
    expect(refusedAt(pilotDecisionInputSchema.safeParse({ decision: 'extend', by: 'li.na', comment: 'too early to tell' }))).toEqual(['extendBy']);
    expect(refusedAt(pilotDecisionInputSchema.safeParse({ decision: 'extend', by: 'li.na', comment: 'too early', extendBy: 'a while' }))).toEqual(['extendBy']);
    expect(pilotDecisionInputSchema.safeParse({ decision: 'extend', by: 'li.na', comment: 'too early', extendBy: '3d' }).success).toBe(true);
    expect(pilotDecisionInputSchema.safeParse({ decision: 'extend', by: 'li.na', comment: 'too early', extendBy: '1d12h' }).success).toBe(true);
  });

  it('needs a comment for every decision but go, and blank does not count', () => {
    for (const decision of ['send-back', 'cancel'] as const) {
      expect(refusedAt(pilotDecisionInputSchema.safeParse({ decision, by: 'li.na' }))).toEqual(['comment']);
      expect(refusedAt(pilotDecisionInputSchema.safeParse({ decision, by: 'li.na', comment: '   ' }))).toEqual(['comment']);
      expect(pilotDecisionInputSchema.safeParse({ decision, by: 'li.na', comment: 'CVR far below target' }).success).toBe(true);
    }
    expect(refusedAt(pilotDecisionInputSchema.safeParse({ decision: 'extend', by: 'li.na', extendBy: '3d' }))).toEqual(['comment']);
  });

  it('refuses an unknown decision, a missing person and unknown fields', () => {
    expect(refusedAt(pilotDecisionInputSchema.safeParse({ decision: 'maybe', by: 'li.na', comment: 'x' }))).toContain('decision');
    expect(refusedAt(pilotDecisionInputSchema.safeParse({ decision: 'go', by: '' }))).toContain('by');
    expect(pilotDecisionInputSchema.safeParse({ decision: 'go', by: 'li.na', extend: '3d' }).success).toBe(false);
  });

  it('explains what is missing in words the CLI can show', () => {
    const result = pilotDecisionInputSchema.safeParse({ decision: 'extend', by: 'li.na', comment: 'wait' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/extendBy/);
  });
});

describe('crisisActionInputSchema', () => {
  it('needs the statement\'s text for statement', () => {
    expect(refusedAt(crisisActionInputSchema.safeParse({ action: 'statement', by: 'wang.wei' }))).toEqual(['statement']);
    expect(refusedAt(crisisActionInputSchema.safeParse({ action: 'statement', by: 'wang.wei', statement: '  ' }))).toEqual(['statement']);
    expect(crisisActionInputSchema.safeParse({ action: 'statement', by: 'wang.wei', statement: 'We are sorry.' }).success).toBe(true);
  });

  it('needs a reason to start or end a crisis by hand', () => {
    for (const action of ['start', 'end'] as const) {
      expect(refusedAt(crisisActionInputSchema.safeParse({ action, by: 'chen.jing' }))).toEqual(['reason']);
      expect(refusedAt(crisisActionInputSchema.safeParse({ action, by: 'chen.jing', reason: ' ' }))).toEqual(['reason']);
      expect(crisisActionInputSchema.safeParse({ action, by: 'chen.jing', reason: 'angry comments piling up' }).success).toBe(true);
    }
  });

  it('approves without further text', () => {
    expect(crisisActionInputSchema.safeParse({ action: 'approve', by: 'li.na' }).success).toBe(true);
  });

  it('refuses an unknown action and unknown fields', () => {
    expect(refusedAt(crisisActionInputSchema.safeParse({ action: 'panic', by: 'li.na' }))).toContain('action');
    expect(crisisActionInputSchema.safeParse({ action: 'approve', by: 'li.na', text: 'x' }).success).toBe(false);
  });
});
