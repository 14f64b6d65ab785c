/**
 * The retrospective (P3.3–P3.5, P3.8, P3.10): what each person says worked, what did not and why,
 * and the lessons they draw, each tagged with the skills it calls for. Lessons become training
 * topics per role; what worked becomes candidates for SOPs and templates.
 */
import { z } from 'zod';
import type { Plan } from '../plan/schema.js';
import { CAUSE_KINDS } from './attainment.js';
import { personName } from './names.js';

export interface RetrospectiveAnswer {
  /** Team member id. */
  person: string;
  worked: string[];
  didNot: Array<{ what: string; rootCause: string }>;
  lessons: Array<{ text: string; skills: string[] }>;
}

export interface NamedAnswer extends RetrospectiveAnswer {
  name: string;
  roles: string[];
}

export interface TrainingTopic {
  skill: string;
  /** How many lessons name this skill. */
  lessons: number;
  people: string[];
}

export interface RoleTraining {
  /** Null for people the plan gives no role. */
  role: string | null;
  topics: TrainingTopic[];
}

export interface Practice {
  text: string;
  people: string[];
}

export function namedAnswers(plan: Pick<Plan, 'team'>, answers: readonly RetrospectiveAnswer[]): NamedAnswer[] {
  return answers.map((a) => ({
    ...a,
    name: personName(plan, a.person),
    roles: plan.team.find((m) => m.id === a.person)?.roles ?? [],
  }));
}

/**
 * Skills named in lessons, counted per role of the people who wrote them: the gaps a role's
 * training should close first. Skills are matched ignoring case and surrounding space; the first
 * spelling met is kept.
 */
export function trainingSuggestions(plan: Pick<Plan, 'team'>, answers: readonly RetrospectiveAnswer[]): RoleTraining[] {
  const roles = new Map<string | null, Map<string, TrainingTopic>>();
  for (const answer of namedAnswers(plan, answers)) {
    const personRoles = answer.roles.length > 0 ? answer.roles : [null];
    for (const lesson of answer.lessons) {
      const skills = new Map<string, string>();
      for (const skill of lesson.skills) {
        const trimmed = skill.trim();
        if (trimmed && !skills.has(trimmed.toLowerCase())) skills.set(trimmed.toLowerCase(), trimmed);
      }
      for (const role of personRoles) {
        const topics = roles.get(role) ?? new Map<string, TrainingTopic>();
        roles.set(role, topics);
        for (const [key, spelling] of skills) {
          const topic = topics.get(key) ?? { skill: spelling, lessons: 0, people: [] };
          topic.lessons += 1;
          if (!topic.people.includes(answer.name)) topic.people.push(answer.name);
          topics.set(key, topic);
        }
      }
    }
  }
  const weight = (topics: TrainingTopic[]) => topics.reduce((s, t) => s + t.lessons, 0);
  return [...roles]
    .map(([role, topics]) => ({
      role,
      topics: [...topics.values()].sort((a, b) => b.lessons - a.lessons || a.skill.localeCompare(b.skill)),
    }))
    .filter((r) => r.topics.length > 0)
    .sort((a, b) => weight(b.topics) - weight(a.topics) || (a.role ?? '\uffff').localeCompare(b.role ?? '\uffff'));
}

/** What worked, once per wording, with who said it: the candidates for reusable process (P3.8). */
export function reusablePractices(plan: Pick<Plan, 'team'>, answers: readonly RetrospectiveAnswer[]): Practice[] {
  const practices = new Map<string, Practice>();
  for (const answer of namedAnswers(plan, answers)) {
    for (const text of answer.worked) {
      const trimmed = text.trim();
      if (!trimmed) continue;
      const key = trimmed.toLowerCase();
      const practice = practices.get(key) ?? { text: trimmed, people: [] };
      if (!practice.people.includes(answer.name)) practice.people.push(answer.name);
      practices.set(key, practice);
    }
  }
  return [...practices.values()].sort((a, b) => b.people.length - a.people.length);
}

/**
 * One person's retrospective answer as sent (P3.3–P3.5); the closing's accountable person may add
 * the cause analysis of KPIs (P3.1) in the same answer. Sent again, it replaces the earlier one.
 */
export const retrospectiveInputSchema = z.strictObject({
  by: z.string().min(1, 'say who answers (a team member id)'),
  worked: z.array(z.string().trim().min(1).max(2_000)).max(30).default([]),
  didNot: z.array(z.strictObject({
    what: z.string().trim().min(1, 'say what did not work').max(2_000),
    rootCause: z.string().trim().min(1, 'give the root cause: why it did not work').max(2_000),
  })).max(30).default([]),
  lessons: z.array(z.strictObject({
    text: z.string().trim().min(1, 'write the lesson').max(2_000),
    skills: z.array(z.string().trim().min(1).max(80)).max(10).default([]),
  })).max(30).default([]),
  analyses: z.array(z.strictObject({
    kpi: z.string().min(1, 'name the KPI, e.g. "orders"'),
    text: z.string().trim().min(1, 'write the analysis').max(4_000),
    cause: z.enum(CAUSE_KINDS, { message: 'cause is "strategy", "execution", "environment" or "target"' }).optional(),
  })).max(50).default([]),
}).refine((a) => a.worked.length + a.didNot.length + a.lessons.length + a.analyses.length > 0, {
  message: 'say at least one thing: what worked, what did not, a lesson or a KPI analysis', path: ['worked'],
});
export type RetrospectiveInput = z.input<typeof retrospectiveInputSchema>;
export type RetrospectiveSubmission = z.output<typeof retrospectiveInputSchema>;
