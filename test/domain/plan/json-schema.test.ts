/** The JSON Schema for editors: current, and accepting both examples. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIELD_DOCS } from '../../../domain/plan/field-docs.js';
import { planJsonSchema, planJsonSchemaText, undocumentedFields } from '../../../domain/plan/json-schema.js';
import { schemaFields } from '../../../domain/plan/schema-fields.js';
import { EXAMPLES, MINIMAL, readRepoFile } from './plan-fixtures.js';

type Schema = Record<string, unknown>;

/**
 * The structural part of JSON Schema that the generated schema uses: types, required and extra
 * properties, items, enums, constants, patterns, lengths, ranges and references to definitions.
 */
function schemaErrors(value: unknown, schema: Schema, root: Schema, at = ''): string[] {
  if (typeof schema['$ref'] === 'string') {
    const target = (schema['$ref'] as string).replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Schema)[key], root);
    return schemaErrors(value, target as Schema, root, at);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options) {
      const matching = options.filter((option) => schemaErrors(value, option, root, at).length === 0).length;
      if (key === 'anyOf' ? matching === 0 : matching !== 1) return [`${at}: matches ${matching} of ${key}`];
    }
  }
  const errors: string[] = [];
  const type = schema['type'];
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
  if (type !== undefined && type !== kind && !(type === 'number' && kind === 'integer')) return [`${at}: ${kind} is not ${String(type)}`];
  if (schema['enum'] && !(schema['enum'] as unknown[]).includes(value)) errors.push(`${at}: not in enum`);
  if ('const' in schema && schema['const'] !== value) errors.push(`${at}: not the constant`);
  if (typeof value === 'string') {
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'] as string, 'u').test(value)) errors.push(`${at}: does not match ${schema['pattern']}`);
    if (typeof schema['minLength'] === 'number' && value.length < (schema['minLength'] as number)) errors.push(`${at}: too short`);
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < (schema['minimum'] as number)) errors.push(`${at}: below minimum`);
    if (typeof schema['maximum'] === 'number' && value > (schema['maximum'] as number)) errors.push(`${at}: above maximum`);
  }
  if (Array.isArray(value) && schema['items']) {
    value.forEach((item, i) => errors.push(...schemaErrors(item, schema['items'] as Schema, root, `${at}[${i}]`)));
  }
  if (kind === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const key of (schema['required'] ?? []) as string[]) if (!(key in record)) errors.push(`${at}.${key}: required`);
    for (const [key, item] of Object.entries(record)) {
      if (properties[key]) errors.push(...schemaErrors(item, properties[key]!, root, `${at}.${key}`));
      else if (schema['additionalProperties'] === false) errors.push(`${at}.${key}: not allowed`);
      else if (typeof schema['additionalProperties'] === 'object') errors.push(...schemaErrors(item, schema['additionalProperties'] as Schema, root, `${at}.${key}`));
    }
  }
  return errors;
}

describe('plan JSON Schema', () => {
  const schema = planJsonSchema();

  it('is what docs/plan.schema.json holds (regenerate: campaign plan schema > docs/plan.schema.json)', () => {
    expect(readRepoFile('docs/plan.schema.json')).toBe(planJsonSchemaText());
  });

  it('has a title and a description, and describes every top-level section', () => {
    expect(schema['title']).toBe('Campaign plan');
    expect(String(schema['description'])).toMatch(/营销活动计划/);
    for (const [key, property] of Object.entries(schema['properties'] as Record<string, Schema>)) {
      expect(property['description'], key).toEqual(expect.any(String));
    }
  });

  it('explains every field in English and Chinese, so editors can show it while the plan is written', () => {
    const missing = undocumentedFields();
    expect(missing, `These plan fields have no description: add FIELD_DOCS['<path>'] = { en, zh, example } in domain/plan/field-docs.ts, then regenerate docs/plan.schema.json and the guides (see docs/plan-guide.md): ${missing.join(', ')}`).toEqual([]);
    for (const field of schemaFields(schema)) {
      expect(field.node['description'], field.path).toMatch(/[a-z].* \/ .*[\u4e00-\u9fff]/);
      expect(field.node['markdownDescription'], field.path).toEqual(expect.any(String));
    }
  });

  it('keeps no description for a field the schema no longer has', () => {
    const paths = new Set(schemaFields(schema).map((field) => field.path));
    expect(Object.keys(FIELD_DOCS).filter((path) => !paths.has(path))).toEqual([]);
  });

  it('says what goals.due accepts and what approvalAbove does, with the default where there is one', () => {
    const fields = new Map(schemaFields(schema).map((field) => [field.path, field.node]));
    expect(fields.get('goals[].due')!['description']).toContain('end (of the campaign), a phase name');
    expect(fields.get('rollout.optimization.approvalAbove')!['markdownDescription']).toContain('调整比例(0–1)超过此值时需审批人批准');
    expect(fields.get('rollout.optimization.maxShiftPerReview')!['markdownDescription']).toContain('a share from 0 to 1 · default `0.2`');
  });

  it('offers the role vocabulary as completions for a member\'s roles', () => {
    const roles = schemaFields(schema).find((field) => field.path === 'team[].roles')!.node;
    expect((roles['items'] as Schema)['examples']).toEqual(expect.arrayContaining(['channel-ops', '渠道运营', 'customer-service', '客服']));
  });

  it('requires the sections every plan must have', () => {
    expect(schema['required']).toEqual(['id', 'name', 'owner', 'team', 'goals', 'budget', 'channels', 'rollout', 'closing']);
  });

  it('gives editors the duration pattern the refinement checks', () => {
    const tasks = (schema['properties'] as Record<string, Schema>)['tasks']!;
    const duration = ((tasks['items'] as Schema)['properties'] as Record<string, Schema>)['duration']!;
    const pattern = new RegExp(duration['pattern'] as string);
    expect(['30m', '12h', '3d', '2w', '1d12h'].every((d) => pattern.test(d))).toBe(true);
    expect(pattern.test('2 days')).toBe(false);
  });

  it.each([...EXAMPLES, MINIMAL])('accepts %s and points editors at it', (file) => {
    const text = readRepoFile(file);
    expect(schemaErrors(parse(text), schema, schema)).toEqual([]);
    if (file.startsWith('examples/')) expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../docs/plan.schema.json');
  });

  it('rejects what the plan schema rejects structurally', () => {
    const plan = parse(readRepoFile(MINIMAL)) as Record<string, unknown>;
    delete plan['closing'];
    (plan['gates'] as Record<string, unknown>[])[0]!['acountable'] = 'li.na';
    expect(schemaErrors(plan, schema, schema)).toEqual(['.closing: required', '.gates[0].acountable: not allowed']);
  });
});
