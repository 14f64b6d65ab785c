/**
 * The content lint (domain/content/lint.ts) as plan rules, so `plan validate` and `start` refuse
 * what a platform would refuse, long before the content-review gate checks the same rules again.
 * Errors fail the plan (a missing video, a Baidu title that may not be cut); warnings (what the
 * builder cut or left out for a channel) are shown beside a valid plan and do not fail it.
 */
import { lintPlanContent, type ContentRuleId, type ContentViolation } from '../../content/lint.js';
import { issue, type RuleIssue } from '../issues.js';
import type { Gate, Plan } from '../schema.js';

export type ContentIssueRule = `content-${ContentRuleId}`;

/** The field of the content item a finding is about: where the author makes the fix. */
const FIELD: Record<ContentRuleId, 'title' | 'body' | 'media' | 'tags'> = {
  'title-missing': 'title', 'title-too-long': 'title', 'title-long': 'title', 'title-truncated': 'title',
  'body-empty': 'body', 'body-too-long': 'body', 'body-truncated': 'body', 'body-from-title': 'body',
  // The summary line is the body's first sentence.
  'summary-too-long': 'body', 'summary-truncated': 'body',
  'video-missing': 'media', 'image-missing': 'media', 'cover-missing': 'media', 'too-many-images': 'media',
  'too-many-videos': 'media', 'media-dropped': 'media',
  'tag-form': 'tags', 'tags-dropped': 'tags',
};

export function contentFitsChannels(plan: Plan): RuleIssue[] {
  return contentIssues(plan, 'error');
}

export function contentWarnings(plan: Plan): RuleIssue[] {
  // A channel taking only the media it can show is how one item serves several channels, not a
  // mistake: `plan preview` shows what each channel gets, and validation stays quiet about it.
  return contentIssues(plan, 'warning').filter((found) => found.rule !== 'content-media-dropped');
}

function contentIssues(plan: Plan, severity: ContentViolation['severity']): RuleIssue[] {
  // Item by item, so that an id used twice (reported on its own) still points at the right item.
  return plan.content.flatMap((item, i) => lintPlanContent({ channels: plan.channels, content: [item] })
    .filter((found) => found.severity === severity)
    .map((found) => issue(`content-${found.rule}`, ['content', i, FIELD[found.rule]], {
      channel: found.channelId, message: found.message, ...(found.fix ? { fix: found.fix } : {}),
    })));
}

/** The gate that approves the content: the one whose `reviews` says so, else a gate with id `assets`. */
export function contentReviewGate(plan: Pick<Plan, 'gates'>): Gate | undefined {
  return plan.gates.find((gate) => gate.reviews === 'content') ?? plan.gates.find((gate) => gate.id === 'assets');
}

/** Two gates reviewing the content would leave unclear which one a pilot sent back reopens. */
export function oneContentReviewGate(plan: Plan): RuleIssue[] {
  const reviewing = plan.gates.flatMap((gate, i) => (gate.reviews === 'content' ? [{ gate, i }] : []));
  const [first, ...others] = reviewing;
  return others.map(({ i }) => issue('content-review-gates', ['gates', i, 'reviews'], { id: plan.gates[i]!.id, first: first!.gate.id }));
}
