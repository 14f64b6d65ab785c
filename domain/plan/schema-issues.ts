/**
 * zod's findings about the plan's shape, restated as rule issues: a misspelt key becomes
 * "unknown-key" with the nearest allowed key, a missing accountable becomes the RACI rule, a name
 * written where an id belongs points at the id. Nobody reads a raw zod message.
 */
import type { z } from 'zod';
import { issue, type Path, type RuleIssue } from './issues.js';
import { duration, isoDate, planSchema, startDate, ref, ROBOT_KINDS } from './schema.js';
import { expectsSchema, knownKeysAt } from './schema-walk.js';
import { didYouMean } from './suggest.js';
import { keyOf } from './where.js';

type ZodIssue = z.core.$ZodIssue;

/** Ready-to-paste examples for keys people forget; kept language-neutral (keys are English). */
const EXAMPLES: Record<string, string> = {
  id: 'id: spring-tea-2027',
  name: 'name: 春季新茶上市',
  owner: 'owner: li.na',
  team: 'team: [{ id: li.na, name: 李娜, roles: [pm] }]',
  goals: 'goals: [{ id: orders, name: Orders, metric: orders, target: 20000, owner: li.na }]',
  budget: 'budget: { total: 500000, reserve: 50000 }',
  channels: 'channels: [{ id: wechat, kind: wechat-oa, budget: { initial: 30000, min: 0, max: 60000 } }]',
  rollout: 'rollout: { duration: 30d }',
  closing: 'closing: { accountable: li.na }',
  accountable: 'accountable: li.na',
  duration: 'duration: 3d',
  target: 'target: 20000',
  total: 'total: 500000',
  initial: 'initial: 30000',
  max: 'max: 60000',
  cap: 'cap: 20000',
  kind: 'kind: wechat-oa',
  decidedBy: 'decidedBy: li.na',
  to: 'to: li.na',
  until: 'until: 2027-03-10',
  kpi: 'kpi: cvr',
  window: 'window: 6h',
  negativeShare: 'negativeShare: 0.3',
  minVolume: 'minVolume: 20',
};

type IdNamed = (name: string) => string | undefined;

export function translateSchemaIssues(issues: readonly ZodIssue[], data: unknown): RuleIssue[] {
  let names: Map<string, string> | undefined;
  const idNamed: IdNamed = (name) => (names ??= indexNames(data)).get(name.trim());
  const translated = issues.flatMap((found) => translate(found, data, idNamed));
  // `titel:` reported as unknown (did you mean 'title'?) already explains the missing `title`.
  const misspelt = new Set(translated.flatMap((found) => (found.rule === 'unknown-key' && found.params.suggestion
    ? [JSON.stringify([...found.path.slice(0, -1), found.params.suggestion])]
    : [])));
  const missing = (found: RuleIssue): boolean => found.rule === 'missing-key' || (found.rule === 'gate-accountable-count' && found.params.count === 0);
  // An entry written the old way (`kind:`, `url:`) or misspelt is explained by that, not by "names no target".
  const explained = new Set(['notify-inline-secret', 'notify-old-form', 'unknown-key']);
  const oldForm = new Set(translated.flatMap((found) => (explained.has(found.rule) && isNotifyEntry(found.path.slice(0, 4))
    ? [JSON.stringify(found.path.slice(0, 4))]
    : [])));
  return translated.filter((found) => !(missing(found) && misspelt.has(JSON.stringify(found.path))))
    .filter((found) => !(found.rule === 'notify-one-target' && oldForm.has(JSON.stringify(found.path))));
}

function translate(found: ZodIssue, data: unknown, idNamed: IdNamed): RuleIssue[] {
  const path = found.path.filter((s): s is string | number => typeof s !== 'symbol');
  const key = keyOf(path);
  const value = valueAt(data, path);
  switch (found.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(planSchema, path);
      const unknown = (extra: string) => issue('unknown-key', [...path, extra], { key: extra, suggestion: didYouMean(extra, known) });
      if (isNotifyEntry(path)) return notifyEntryIssues(path, found.keys, data, unknown);
      if (path.length === 2 && path[0] === 'channels') return found.keys.map((extra) => (CHANNEL_SECRET_KEYS.has(extra)
        ? issue('channel-inline-secret', [...path, extra], { key: extra, channel: String(valueAt(data, [...path, 'id']) ?? path[1]) })
        : unknown(extra)));
      return found.keys.map(unknown);
    }
    case 'invalid_type':
      return [invalidType(found, path, key, value)];
    case 'invalid_value': {
      const options = found.values.map(String);
      return [issue('not-an-option', path, { key, value: shown(value), options, suggestion: didYouMean(shown(value), options) })];
    }
    case 'invalid_union': {
      if ('discriminator' in found && found.discriminator) {
        const options = ((found as { options?: unknown[] }).options ?? []).map(String);
        return [issue('not-an-option', path, { key, value: shown(value), options, suggestion: didYouMean(shown(value), options) })];
      }
      return [issue('invalid-value', path, { key, detail: found.message })];
    }
    case 'too_small': {
      const minimum = Number(found.minimum);
      if (found.origin === 'string') return [issue('empty-value', path, { key })];
      if (found.origin === 'array' || found.origin === 'set') return [issue('list-too-short', path, { key, minimum })];
      return [issue('number-too-small', path, { key, minimum, inclusive: found.inclusive ?? true })];
    }
    case 'too_big': {
      const maximum = Number(found.maximum);
      if (found.origin === 'string') return [issue('text-too-long', path, { key, maximum })];
      if (found.origin === 'array' || found.origin === 'set') return [issue('list-too-long', path, { key, maximum })];
      return [issue('number-too-big', path, { key, maximum, inclusive: found.inclusive ?? true })];
    }
    case 'invalid_format':
      return [invalidFormat(found.format, path, key, shown(value), idNamed, data)];
    case 'custom':
      if (found.params?.['rule'] === 'duration') return [issue('duration-format', path, { key, value: shown(value) })];
      if (found.params?.['rule'] === 'notify-one-target') {
        return [issue('notify-one-target', path, { count: value !== null && typeof value === 'object' ? Object.keys(value).length : 0 })];
      }
      return [issue('invalid-value', path, { key, detail: found.message })];
    default:
      return [issue('invalid-value', path, { key, detail: found.message })];
  }
}

function invalidType(found: Extract<ZodIssue, { code: 'invalid_type' }>, path: Path, key: string, value: unknown): RuleIssue {
  if (isGateAccountable(path) && (value === undefined || Array.isArray(value))) {
    return issue('gate-accountable-count', path, { count: Array.isArray(value) ? value.length : 0 });
  }
  if (value === undefined) return issue('missing-key', path, { key, example: EXAMPLES[key] });
  // YAML's .inf and .nan are numbers to the parser, and no amount, share or target can be one.
  if (typeof value === 'number' && !Number.isFinite(value)) return issue('number-not-finite', path, { key, value: yamlNumber(value) });
  if (typeof value === 'number' && expectsSchema(planSchema, path, duration)) {
    return issue('duration-format', path, { key, value: String(value) });
  }
  if (found.expected === 'int' && typeof value === 'number') return issue('not-whole-number', path, { key, value: String(value) });
  return issue('wrong-type', path, { key, expected: expectedKind(found.expected), received: kindOf(value) });
}

function yamlNumber(value: number): string {
  return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
}

function isGateAccountable(path: Path): boolean {
  return path.length === 3 && path[0] === 'gates' && path[2] === 'accountable';
}

function invalidFormat(format: string, path: Path, key: string, value: string, idNamed: IdNamed, data: unknown): RuleIssue {
  if (isNotifyEntry(path.slice(0, 4)) && isRobotKind(key)) {
    // `wecom: https://…?key=…`: the robot's address written where its name belongs.
    return /:\/\//.test(value)
      ? issue('notify-inline-secret', path, { kind: key, field: 'url', name: suggestedTargetName(path, key, data) })
      : issue('notify-target-name', path, { kind: key, value });
  }
  if (format === 'url') return issue('url-format', path, { key, value });
  if (format === 'email') return issue('email-format', path, { key, value });
  if (path.length === 1 && path[0] === 'id') return issue('plan-id-format', path, { value, suggestion: slug(value) });
  if (path.length === 1 && path[0] === 'currency') return issue('currency-format', path, { value });
  if (key === 'peakHours') return issue('time-range-format', path, { key, value });
  if (expectsSchema(planSchema, path, isoDate)) return issue('date-format', path, { key, value });
  if (expectsSchema(planSchema, path, startDate)) return issue('start-format', path, { value });
  if (expectsSchema(planSchema, path, ref)) {
    return issue('id-format', path, { key, value, suggestion: idNamed(value), fullwidthComma: /[，、]/.test(value) });
  }
  return issue('invalid-value', path, { key, detail: format });
}

/** Keys that would put a webhook channel's signing secret into the plan. */
const CHANNEL_SECRET_KEYS = new Set(['secret', 'webhookSecret']);

/** `team[i].notify[j]` */
function isNotifyEntry(path: Path): boolean {
  return path.length === 4 && path[0] === 'team' && typeof path[1] === 'number' && path[2] === 'notify' && typeof path[3] === 'number';
}

function isRobotKind(key: string): boolean {
  return (ROBOT_KINDS as readonly string[]).includes(key);
}

/**
 * A notify entry with keys of the old inline form (`{ kind: wecom, url: …, secret: … }`): the URL
 * and secret are refused as secrets in the plan, `kind`/`address` are shown in the new form.
 */
function notifyEntryIssues(path: Path, keys: readonly string[], data: unknown, unknown: (key: string) => RuleIssue): RuleIssue[] {
  const entry = valueAt(data, path) as Record<string, unknown>;
  const written = typeof entry['kind'] === 'string' ? entry['kind'] : undefined;
  const kind = written ?? ROBOT_KINDS.find((k) => typeof entry[k] === 'string') ?? 'wecom';
  const secretKeys = keys.filter((k) => k === 'url' || k === 'secret');
  const found: RuleIssue[] = secretKeys.map((field) => issue('notify-inline-secret', [...path, field], {
    kind, field: field as 'url' | 'secret', name: typeof entry[kind] === 'string' ? entry[kind] as string : suggestedTargetName(path, kind, data),
  }));
  for (const extra of keys) {
    if (extra === 'url' || extra === 'secret') continue;
    if (extra === 'kind' || extra === 'address') {
      // Said once per entry, and not at all where the inline secret's fix already shows the new form.
      if (secretKeys.length > 0 || (extra === 'address' && keys.includes('kind'))) continue;
      const address = typeof entry['address'] === 'string' ? entry['address'] : undefined;
      found.push(issue('notify-old-form', [...path, extra], { kind: written ?? 'email', value: address }));
      continue;
    }
    found.push(unknown(extra));
  }
  return found;
}

/** A name for the secrets file entry, from the member: `li.na-wecom`. */
function suggestedTargetName(path: Path, kind: string, data: unknown): string {
  const member = valueAt(data, path.slice(0, 2));
  const id = member !== null && typeof member === 'object' ? (member as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id) ? `${id}-${kind}` : `team-${kind}`;
}

/** Ids by the names and titles they carry, so a person written by name (王伟) can be pointed to their id. */
function indexNames(data: unknown): Map<string, string> {
  const names = new Map<string, string>();
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const id = record['id'];
      if (typeof id === 'string') {
        for (const label of [record['name'], record['title']]) {
          if (typeof label === 'string' && !names.has(label.trim())) names.set(label.trim(), id);
        }
      }
      for (const item of Object.values(record)) stack.push(item);
    }
  }
  return names;
}

function slug(value: string): string | undefined {
  const made = value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return made === '' ? undefined : made;
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}...` : value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return Array.isArray(value) ? '[…]' : '{…}';
  return String(value);
}

/** How a value looks to someone who wrote it in YAML. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string': return 'text';
    case 'number': return 'number';
    case 'boolean': return 'yes-no';
    case 'object': return 'mapping';
    default: return 'other';
  }
}

function expectedKind(expected: string): string {
  switch (expected) {
    case 'string': return 'text';
    case 'number': return 'number';
    case 'int': return 'whole-number';
    case 'boolean': return 'yes-no';
    case 'array': return 'list';
    case 'object': return 'mapping';
    default: return 'other';
  }
}
