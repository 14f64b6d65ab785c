/**
 * The plan-format guide (docs/plan-guide.md, docs/plan-guide.zh-CN.md), written from the same
 * field docs and role vocabulary as the JSON Schema, so the guide, the editor's hover texts and the
 * validator cannot disagree. A test keeps the files in docs/ equal to this.
 */
import { FIELD_DOCS } from './field-docs.js';
import type { Lang } from './issues.js';
import { planJsonSchema } from './json-schema.js';
import { ROLES } from './roles.js';
import { allowedValues, schemaFields, type SchemaField } from './schema-fields.js';

const TEXTS = {
  en: {
    title: '# Writing a campaign plan',
    other: 'Chinese: [plan-guide.zh-CN.md](plan-guide.zh-CN.md)',
    intro: [
      'A campaign starts from one YAML (or JSON) file. Keys are English; names, titles and texts may be in any language.',
      '',
      '- `npx campaign plan new --out plan.yaml` writes a commented template that is valid as it is (`--lang zh-CN|en`);',
      '  `--from-case <id>` drafts the next plan from a closed campaign instead.',
      '- With the first line `# yaml-language-server: $schema=<path to docs/plan.schema.json>`, editors with the YAML',
      '  language server (VS Code\'s YAML extension, Neovim, …) complete every key and explain it as you type.',
      '  The schema is [plan.schema.json](plan.schema.json), also printed by `npx campaign plan schema`.',
      '- `npx campaign plan validate plan.yaml` says what the system understood, or every problem with its line and fix.',
      '',
      'Durations are written `30m`, `12h`, `3d`, `2w` (or `1d12h`); dates `YYYY-MM-DD`; money is a plain number in the',
      'plan\'s `currency`; a share is a number from 0 to 1 (`0.2`, not `20%`). People are referred to by their `team[].id`.',
      'Fields marked **required** must be written; the others may be left out (their default applies).',
    ],
    rolesTitle: '## Roles',
    rolesIntro: [
      'A member\'s `roles` may name anything, but these roles mean something to the campaign. Write the key or one of its',
      'labels (`渠道运营`, `Channel Operations`): either is read as the key. Any other role is kept as a description, and',
      '`plan validate` warns about it, naming the nearest known role — a role that is misspelt grants nothing.',
    ],
    rolesHead: ['key', '中文', 'English', 'what it grants'],
    descriptive: 'describes the person; grants nothing',
    fieldsTitle: '## Fields',
    head: ['field', 'meaning', 'accepts', 'default', 'example'],
    required: '**required**',
    generated: '<!-- Generated from domain/plan/field-docs.ts and domain/plan/roles.ts: after changing them, run `npx vitest run test/domain/plan/plan-guide.test.ts -u`. -->',
  },
  'zh-CN': {
    title: '# 如何编写活动计划',
    other: 'English: [plan-guide.md](plan-guide.md)',
    intro: [
      '一个活动从一个 YAML(或 JSON)文件开始。键名为英文; 名称、标题和正文可以使用任何语言。',
      '',
      '- `npx campaign plan new --out plan.yaml` 生成一份带注释、可直接通过校验的模板(`--lang zh-CN|en`);',
      '  `--from-case <id>` 则根据已结束的活动起草下一份计划。',
      '- 文件第一行写 `# yaml-language-server: $schema=<docs/plan.schema.json 的路径>`, 装有 YAML 语言服务器的编辑器',
      '  (VS Code 的 YAML 扩展、Neovim 等)会在输入时补全每个键并给出说明。',
      '  Schema 文件为 [plan.schema.json](plan.schema.json), 也可以用 `npx campaign plan schema` 打印。',
      '- `npx campaign plan validate plan.yaml` 显示系统理解的内容, 或列出每个问题及其行号和修改方法。',
      '',
      '时长写作 `30m`、`12h`、`3d`、`2w`(或 `1d12h`); 日期写作 `YYYY-MM-DD`; 金额为计划币种(`currency`)的纯数字;',
      '比例为 0 到 1 之间的数字(写 `0.2`, 不写 `20%`)。引用人员时使用其 `team[].id`。',
      '标为**必填**的字段必须填写; 其他字段可以省略(使用默认值)。',
    ],
    rolesTitle: '## 角色',
    rolesIntro: [
      '成员的 `roles` 可以写任何内容, 但下列角色对系统有意义。写键名或其名称(`渠道运营`、`Channel Operations`)均可,',
      '都会被读作键名。其他角色作为描述保留, `plan validate` 会给出提醒并指出最接近的已知角色 —— 写错的角色不带任何权限。',
    ],
    rolesHead: ['键名', '中文', 'English', '权限'],
    descriptive: '描述此人的职责, 不带权限',
    fieldsTitle: '## 字段',
    head: ['字段', '含义', '可填写', '默认值', '示例'],
    required: '**必填**',
    generated: '<!-- 由 domain/plan/field-docs.ts 和 domain/plan/roles.ts 生成: 修改后运行 `npx vitest run test/domain/plan/plan-guide.test.ts -u`。 -->',
  },
} as const;

export function planGuide(lang: Lang): string {
  const t = TEXTS[lang];
  const fields = schemaFields(planJsonSchema());
  const sections = fields.filter((field) => !field.path.includes('.') && !field.path.includes('['));
  const lines: string[] = [t.generated, '', t.title, '', t.other, '', ...t.intro, '', t.rolesTitle, '', ...t.rolesIntro, ''];
  lines.push(row(t.rolesHead), row(t.rolesHead.map(() => '---')));
  for (const role of ROLES) {
    const grants = role.powers ? role.powers[lang === 'en' ? 'en' : 'zh'] : t.descriptive;
    lines.push(row([`\`${role.key}\``, [role.zh, ...role.aliases.filter(hasChinese)].join(', '), role.en, grants]));
  }
  const within = (section: SchemaField): SchemaField[] =>
    fields.filter((f) => f.path.startsWith(`${section.path}.`) || f.path.startsWith(`${section.path}[]`));
  // Single values (id, owner, currency…) share one table; sections with fields of their own get theirs.
  lines.push('', t.fieldsTitle, '', row(t.head), row(t.head.map(() => '---')));
  for (const section of sections.filter((one) => within(one).length === 0)) lines.push(fieldRow(section, lang));
  lines.push('');
  for (const section of sections.filter((one) => within(one).length > 0)) {
    lines.push(`### \`${section.path}\`${section.required ? ` ${t.required}` : ''}`, '', say(section, lang), '');
    lines.push(row(t.head), row(t.head.map(() => '---')));
    lines.push(fieldRow(section, lang));
    for (const field of within(section)) lines.push(fieldRow(field, lang));
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function say(field: SchemaField, lang: Lang): string {
  const doc = FIELD_DOCS[field.path];
  return doc ? doc[lang === 'en' ? 'en' : 'zh'] : '';
}

function fieldRow(field: SchemaField, lang: Lang): string {
  const doc = FIELD_DOCS[field.path];
  const name = `\`${field.path}\`${field.required ? ` ${TEXTS[lang].required}` : ''}`;
  const fallback = 'default' in field.node ? `\`${inlineYaml(field.node['default'])}\`` : '';
  const example = doc?.example === undefined ? '' : `\`${inlineYaml(doc.example)}\``;
  return row([name, say(field, lang), allowedValues(field.node, lang), fallback, example]);
}

/** A value as it is written in a plan on one line: `[a, b]`, `{ to: li.na }`. */
function inlineYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineYaml).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${inlineYaml(item)}`).join(', ')} }`;
  }
  // Plain where YAML reads it back as the same text; times (`12:00-13:30`) and the like are quoted.
  if (typeof value === 'string' && /^[\p{L}\p{N}._\-/ ]+$/u.test(value) && !/^\d+(\.\d+)?$/.test(value)) return value;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function row(cells: readonly string[]): string {
  // `<id>` outside code would be read as an HTML tag and vanish.
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/<(?![!-])/g, '\\<')).join(' | ')} |`;
}

function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}
