/**
 * The plan format as JSON Schema, for editors: with `# yaml-language-server: $schema=…` at the top
 * of a plan, VS Code and others complete keys and explain them while the plan is written.
 * Generated from the zod schema, so it cannot drift; the words come from field-docs.ts;
 * docs/plan.schema.json is this, written out.
 *
 * Each field carries both languages twice: `description` ("English / 中文") for every JSON Schema
 * tool, and `markdownDescription` (English, Chinese, allowed values and default on their own lines),
 * which yaml-language-server shows in preference on hover and completion; `examples` feed its
 * value completions.
 */
import { z } from 'zod';
import { FIELD_DOCS, type FieldDoc } from './field-docs.js';
import { ROLES } from './roles.js';
import { planSchema } from './schema.js';
import { allowedValues, schemaFields, type JsonSchema } from './schema-fields.js';

export function planJsonSchema(): JsonSchema {
  // Draft-07: the draft editors' YAML support handles fully.
  const generated = z.toJSONSchema(planSchema, { io: 'input', target: 'draft-7' }) as JsonSchema;
  for (const field of schemaFields(generated)) {
    const doc = FIELD_DOCS[field.path];
    if (doc) describe(field.node, doc);
  }
  offerRoles(generated);
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Campaign plan',
    description: 'A marketing campaign plan that the campaign engine validates and runs. Keys are English; names and texts may be in any language. Guide: docs/plan-guide.md / 营销活动计划: 键名为英文, 名称和文本可以使用任何语言。说明: docs/plan-guide.zh-CN.md',
    ...rest,
  };
}

/** Schema fields without an entry in field-docs.ts (a test keeps this empty). */
export function undocumentedFields(): string[] {
  const generated = z.toJSONSchema(planSchema, { io: 'input', target: 'draft-7' }) as JsonSchema;
  return schemaFields(generated).map((field) => field.path).filter((path) => !FIELD_DOCS[path]);
}

function describe(node: JsonSchema, doc: FieldDoc): void {
  const hasDefault = 'default' in node;
  const shown = hasDefault ? ` \`${JSON.stringify(node['default'])}\`` : '';
  node['description'] = `${doc.en} / ${doc.zh}`;
  node['markdownDescription'] = [
    doc.en,
    doc.zh,
    `*${allowedValues(node, 'en')}${hasDefault ? ` · default${shown}` : ''} / ${allowedValues(node, 'zh-CN')}${hasDefault ? ` · 默认${shown}` : ''}*`,
  ].join('\n\n');
  if (doc.example !== undefined) node['examples'] = [doc.example];
}

/** Completion for roles: the vocabulary's keys, then their Chinese labels. */
function offerRoles(root: JsonSchema): void {
  const roles = schemaFields(root).find((field) => field.path === 'team[].roles');
  const items = roles?.node['items'] as JsonSchema | undefined;
  if (items) items['examples'] = [...ROLES.map((role) => role.key), ...ROLES.map((role) => role.zh)];
}

/** Exactly the text of docs/plan.schema.json. */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}
