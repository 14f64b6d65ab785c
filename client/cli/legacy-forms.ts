/**
 * Command forms earlier releases documented, still accepted so scripts keep working. Every command
 * is now `<verb> <campaign id> [<what>]` (a group's verb after its noun: `pilot go <id>`,
 * `step retry <id> <step>`, `task done <id> <task>`); the old forms put the verb last:
 *   pilot <id> <decision>        → pilot <decision> <id>
 *   crisis <id> <action>         → crisis <action> <id>
 *   step <id> <step> <action>    → step <action> <id> <step>
 * Old forms are recognised by their verb being last, with the arguments before any option.
 */
import { CRISIS_ACTIONS, PILOT_DECISIONS } from '../../domain/execution/actions.js';
import { STEP_ACTIONS } from '../../domain/execution/steps.js';

const VERB_LAST: Record<string, { verbs: readonly string[]; operands: number }> = {
  pilot: { verbs: PILOT_DECISIONS, operands: 2 },
  crisis: { verbs: CRISIS_ACTIONS, operands: 2 },
  step: { verbs: STEP_ACTIONS, operands: 3 },
};

/** `argv` with an old form, if any, rewritten to the current one. */
export function currentForm(argv: readonly string[]): string[] {
  const args = [...argv];
  const at = args.findIndex((arg, i) => i >= 2 && Object.hasOwn(VERB_LAST, arg));
  if (at < 0) return args;
  const { verbs, operands } = VERB_LAST[args[at]!]!;
  const given = args.slice(at + 1, at + 1 + operands);
  if (given.length < operands || given.some((arg) => arg.startsWith('-'))) return args;
  const verb = given[operands - 1]!;
  if (verbs.includes(given[0]!) || !verbs.includes(verb)) return args;
  args.splice(at + 1, operands, verb, ...given.slice(0, -1));
  return args;
}
