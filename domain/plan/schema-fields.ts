/**
 * The fields of the generated JSON Schema, one per key at every depth, named by the JSON paths
 * field-docs.ts uses (`team[].roles`), and what values each accepts put into words. Shared by the
 * schema for editors and the plan guide, so both say the same.
 */
import type { Lang } from './issues.js';

export type JsonSchema = Record<string, unknown>;

export interface SchemaField {
  path: string;
  /** The node itself: descriptions written onto it reach the schema. */
  node: JsonSchema;
  required: boolean;
}

/**
 * Every field in document order. A `$ref` is followed once, at its first use: the recursive KPI
 * tree is documented as `goals[].…` and its `children` point back to the same fields.
 */
export function schemaFields(root: JsonSchema): SchemaField[] {
  const fields: SchemaField[] = [];
  const followed = new Set<string>();
  const walk = (node: JsonSchema, path: string): void => {
    const ref = node['$ref'];
    if (typeof ref === 'string') {
      if (followed.has(ref)) return;
      followed.add(ref);
      walk(resolve(root, ref), path);
      return;
    }
    for (const key of ['anyOf', 'oneOf', 'allOf']) for (const option of (node[key] ?? []) as JsonSchema[]) walk(option, path);
    const required = new Set((node['required'] ?? []) as string[]);
    for (const [key, child] of Object.entries((node['properties'] ?? {}) as Record<string, JsonSchema>)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      fields.push({ path: childPath, node: child, required: required.has(key) });
      walk(child, childPath);
    }
    if (node['items'] && typeof node['items'] === 'object') walk(node['items'] as JsonSchema, `${path}[]`);
  };
  walk(root, '');
  return fields;
}

function resolve(root: JsonSchema, ref: string): JsonSchema {
  return ref.replace(/^#\//, '').split('/').reduce<JsonSchema>((node, key) => node[key] as JsonSchema, root);
}

const DURATION_PATTERN = '^\\s*(?:\\d+(?:\\.\\d+)?[smhdw])+\\s*$';

const WORDS = {
  en: {
    duration: 'a duration: 30m, 12h, 3d, 2w, 1d12h', date: 'a date YYYY-MM-DD', hours: 'a time range HH:MM-HH:MM',
    id: 'an id: letters, digits, . - _', slug: 'lower-case letters, digits and -', currency: 'three capital letters',
    email: 'an e-mail address', url: 'a URL', text: 'text', number: 'a number', integer: 'a whole number',
    boolean: 'true or false', object: 'keys as below', free: 'any keys', one: 'one of', list: 'a list of',
    share: 'a share from 0 to 1', atLeast: '≥', atMost: '≤', above: '>', exactly: 'exactly',
  },
  'zh-CN': {
    duration: '时长: 30m、12h、3d、2w、1d12h', date: '日期 YYYY-MM-DD', hours: '时段 HH:MM-HH:MM',
    id: 'id: 字母、数字、. - _', slug: '小写字母、数字和 -', currency: '三个大写字母',
    email: '电子邮件地址', url: 'URL', text: '文本', number: '数字', integer: '整数',
    boolean: 'true 或 false', object: '下列键', free: '任意键', one: '以下之一', list: '列表, 每项为',
    share: '0 到 1 之间的比例', atLeast: '≥', atMost: '≤', above: '>', exactly: '固定为',
  },
} as const;

/** What a field accepts, in a few words: "a duration: 30m, …", "one of: a | b", "a number ≥ 0". */
export function allowedValues(node: JsonSchema, lang: Lang): string {
  const w = WORDS[lang];
  if (Array.isArray(node['enum'])) return `${w.one}: ${(node['enum'] as unknown[]).join(' | ')}`;
  if ('const' in node) return `${w.exactly} ${String(node['const'])}`;
  if (typeof node['$ref'] === 'string') return w.object;
  switch (node['type']) {
    case 'array': {
      const items = (node['items'] ?? {}) as JsonSchema;
      return `${w.list} ${items['type'] === 'object' || items['$ref'] ? w.object : allowedValues(items, lang)}`;
    }
    case 'object': return node['properties'] ? w.object : w.free;
    case 'boolean': return w.boolean;
    case 'number': case 'integer': return numberRange(node, lang);
    case 'string': return stringForm(node, lang);
    default: return w.text;
  }
}

function numberRange(node: JsonSchema, lang: Lang): string {
  const w = WORDS[lang];
  const base = node['type'] === 'integer' ? w.integer : w.number;
  if (node['minimum'] === 0 && node['maximum'] === 1) return w.share;
  const bounds = [
    typeof node['minimum'] === 'number' ? `${w.atLeast} ${node['minimum']}` : '',
    typeof node['exclusiveMinimum'] === 'number' ? `${w.above} ${node['exclusiveMinimum']}` : '',
    typeof node['maximum'] === 'number' ? `${w.atMost} ${node['maximum']}` : '',
  ].filter((bound) => bound !== '');
  return [base, ...bounds].join(' ');
}

function stringForm(node: JsonSchema, lang: Lang): string {
  const w = WORDS[lang];
  const pattern = node['pattern'];
  if (pattern === DURATION_PATTERN) return w.duration;
  if (pattern === '^\\d{4}-\\d{2}-\\d{2}$') return w.date;
  if (typeof pattern === 'string' && pattern.includes(':[0-5]\\d-')) return w.hours;
  if (pattern === '^[A-Za-z0-9][A-Za-z0-9._-]*$') return w.id;
  if (pattern === '^[a-z0-9][a-z0-9-]*$') return w.slug;
  if (pattern === '^[A-Z]{3}$') return w.currency;
  if (node['format'] === 'email') return w.email;
  if (node['format'] === 'uri') return w.url;
  return w.text;
}
