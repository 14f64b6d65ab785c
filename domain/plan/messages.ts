/**
 * The one catalogue of validation sentences, keyed by rule, English and Simplified Chinese side by
 * side so that neither falls behind. Sentences speak of gates, people, channels and budgets — the
 * plan's terms — and end with how to fix the problem where that is obvious.
 */
import { CONTENT_RULE_IDS } from '../content/lint.js';
import { ROLES } from './roles.js';
import { formatPath, type ContentFinding, type FormulaProblem, type Lang, type Path, type RuleId, type RuleIssue, type RuleParams } from './issues.js';
import type { ContentIssueRule } from './rules/content.js';

export interface Sentence {
  message: string;
  fix?: string;
}

/** Where the issue is, already put into words. */
export interface Where {
  /** "Gate 'assets'" / "关卡“assets”" */
  subject: string;
  /** The role a person field plays: "accountable person" / "最终负责人(A)". */
  role: string;
  lineOf: (path: Path) => number | undefined;
}

type Say<K extends RuleId> = (p: RuleParams[K], w: Where) => Sentence;
type Catalogue = { [K in RuleId]: { en: Say<K>; 'zh-CN': Say<K> } };

const n = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 4 });
const q = (value: string): string => `'${value}'`;
const zq = (value: string): string => `“${value}”`;
const meanEn = (s?: string): string => (s ? ` Did you mean '${s}'?` : '');
const meanZh = (s?: string): string => (s ? `你是不是想写“${s}”?` : '');
const PHASE_LIST = 'preparation, pilot, warmup, rollout, closing';
const ROLE_KEYS = ROLES.map((role) => role.key).join(', ');
const roleZh = (key: string): string => ROLES.find((role) => role.key === key)?.zh ?? key;
const ROBOT_EN: Record<string, string> = { wecom: 'WeCom', dingtalk: 'DingTalk', feishu: 'Feishu', slack: 'Slack', webhook: 'webhook' };
const ROBOT_ZH: Record<string, string> = { wecom: '企业微信机器人', dingtalk: '钉钉机器人', feishu: '飞书机器人', slack: 'Slack', webhook: 'webhook' };
/** Targets whose secrets file entry takes a signing secret beside the URL. */
const SIGNED = new Set(['dingtalk', 'feishu', 'webhook']);

const EXPECTED: Record<Lang, Record<string, string>> = {
  en: { text: 'text', number: 'a number', 'whole-number': 'a whole number', 'yes-no': 'true or false', list: 'a list', mapping: 'a set of keys', other: 'a different kind of value' },
  'zh-CN': { text: '文本', number: '数字', 'whole-number': '整数', 'yes-no': 'true 或 false', list: '列表', mapping: '键值对(映射)', other: '其他类型的值' },
};
const RECEIVED: Record<Lang, Record<string, string>> = {
  en: { empty: 'empty', text: 'text', number: 'a number', 'yes-no': 'true/false', list: 'a list', mapping: 'a set of keys', other: 'something else' },
  'zh-CN': { empty: '空值', text: '文本', number: '数字', 'yes-no': 'true/false', list: '列表', mapping: '键值对(映射)', other: '其他值' },
};
const TYPE_FIX: Record<Lang, Record<string, string>> = {
  en: {
    number: 'Write a plain number without units, currency signs or thousands separators, e.g. 20000.',
    'whole-number': 'Write a whole number, e.g. 20.',
    'yes-no': 'Write true or false.',
    list: 'Write a list, e.g. [a, b] or one "- item" per line.',
    text: 'Put the value in quotes, e.g. "2027".',
  },
  'zh-CN': {
    number: '请写纯数字, 不要带单位、货币符号或千位分隔符, 例如 20000。',
    'whole-number': '请写整数, 例如 20。',
    'yes-no': '请写 true 或 false。',
    list: '请写成列表, 例如 [a, b], 或每行一个 "- 项"。',
    text: '请给值加上引号, 例如 "2027"。',
  },
};

const SYNTAX: Record<Lang, Record<string, string>> = {
  en: {
    TAB_AS_INDENT: 'the line is indented with a tab',
    MULTIPLE_DOCS: 'the file holds more than one document (a second ---)',
    BAD_INDENT: 'a line is not indented as expected, or a bracket or brace is left open',
    MISSING_CHAR: 'a closing bracket, brace or quote is missing',
    UNEXPECTED_TOKEN: 'there is a character the format does not expect here',
    BLOCK_AS_IMPLICIT_KEY: 'a key and its value seem to be on different lines, or a colon is missing a space after it',
    MULTILINE_IMPLICIT_KEY: 'a key seems to run over several lines; a colon may be missing',
    TOO_MANY_ALIASES: 'it repeats anchors (*) so often that reading it would never end',
  },
  'zh-CN': {
    TAB_AS_INDENT: '这一行用了 Tab 缩进',
    MULTIPLE_DOCS: '文件里有不止一个文档(多了一个 ---)',
    BAD_INDENT: '缩进不正确, 或有方括号/花括号没有闭合',
    MISSING_CHAR: '缺少右括号、右花括号或引号',
    UNEXPECTED_TOKEN: '这里出现了格式不允许的字符',
    BLOCK_AS_IMPLICIT_KEY: '键和值好像不在同一行, 或冒号后面缺少空格',
    MULTILINE_IMPLICIT_KEY: '键好像跨了多行, 可能缺少冒号',
    TOO_MANY_ALIASES: '引用(*)展开次数过多, 无法读取',
  },
};
const SYNTAX_FIX: Record<Lang, Record<string, string>> = {
  en: {
    TAB_AS_INDENT: 'Indent with spaces only.',
    MULTIPLE_DOCS: 'Keep one plan per file.',
    TOO_MANY_ALIASES: 'Write the values out instead of repeating anchors.',
    default: 'Check the indentation and the punctuation (: , [ ] { } ") on this line and the one before it.',
  },
  'zh-CN': {
    TAB_AS_INDENT: '请只用空格缩进。',
    MULTIPLE_DOCS: '每个文件只放一个计划。',
    TOO_MANY_ALIASES: '请直接写出这些值, 不要反复引用。',
    default: '请检查这一行和上一行的缩进以及标点(: , [ ] { } ")。注意使用半角符号。',
  },
};

const FORMULA_PROBLEM: Record<Lang, Record<FormulaProblem, (near: string) => string>> = {
  en: {
    empty: () => 'it is empty',
    'unexpected-character': (near) => `${q(near)} is not allowed in a formula`,
    'unexpected-token': (near) => `${q(near)} is not expected there`,
    'unexpected-end': () => 'it ends where a number or KPI id should follow',
    'unclosed-parenthesis': () => 'a parenthesis is opened and never closed',
    'too-deep': () => 'it is nested too deeply',
  },
  'zh-CN': {
    empty: () => '公式为空',
    'unexpected-character': (near) => `公式中不能使用${zq(near)}`,
    'unexpected-token': (near) => `这里不应出现${zq(near)}`,
    'unexpected-end': () => '公式在应该出现数字或 KPI id 的地方结束了',
    'unclosed-parenthesis': () => '有一个左括号没有闭合',
    'too-deep': () => '嵌套层数过多',
  },
};

const catalogue: Catalogue = {
  'file-not-found': {
    en: (p) => ({ message: `File ${q(p.file)} does not exist.`, fix: 'Check the path and the file name.' }),
    'zh-CN': (p) => ({ message: `文件${zq(p.file)}不存在。`, fix: '请检查路径和文件名。' }),
  },
  'file-unreadable': {
    en: (p) => ({ message: `File ${q(p.file)} could not be read: it may be a folder, or you may not have permission to read it.`, fix: 'Give the path of the plan file itself.' }),
    'zh-CN': (p) => ({ message: `无法读取文件${zq(p.file)}: 它可能是文件夹, 或你没有读取权限。`, fix: '请给出计划文件本身的路径。' }),
  },
  'not-utf8': {
    en: () => ({ message: 'The file is not saved as UTF-8 text (it may be GBK).', fix: 'Save it with UTF-8 encoding in your editor and try again.' }),
    'zh-CN': () => ({ message: '文件不是 UTF-8 编码(可能是 GBK)。', fix: '请在编辑器中以 UTF-8 编码另存后重试。' }),
  },
  'too-large': {
    en: (p) => ({ message: `The file is ${n(Math.ceil(p.bytes / 1024))} KiB; a plan may be at most ${n(p.limit / 1024)} KiB.`, fix: 'Move long texts such as content bodies out of the plan, or split the campaign.' }),
    'zh-CN': (p) => ({ message: `文件大小为 ${n(Math.ceil(p.bytes / 1024))} KiB, 计划文件最大 ${n(p.limit / 1024)} KiB。`, fix: '请把内容正文等长文本移出计划, 或拆分活动。' }),
  },
  'too-deep': {
    en: (p) => ({ message: `The plan is nested more than ${p.limit} levels deep here.`, fix: 'Flatten this part; a KPI tree rarely needs more than a few levels.' }),
    'zh-CN': (p) => ({ message: `此处嵌套超过 ${p.limit} 层。`, fix: '请减少层级; KPI 树一般只需要几层。' }),
  },
  'yaml-syntax': {
    en: (p) => ({ message: `This is not valid ${p.format}: ${SYNTAX.en[p.code] ?? p.detail}.`, fix: SYNTAX_FIX.en[p.code] ?? SYNTAX_FIX.en.default! }),
    'zh-CN': (p) => ({ message: `此处不是有效的 ${p.format}: ${SYNTAX['zh-CN'][p.code] ?? `解析器提示 “${p.detail}”`}。`, fix: SYNTAX_FIX['zh-CN'][p.code] ?? SYNTAX_FIX['zh-CN'].default! }),
  },
  'duplicate-key': {
    en: (p) => ({ message: `${q(p.key)} is written twice in the same place.`, fix: 'Keep one of them and merge their contents.' }),
    'zh-CN': (p) => ({ message: `同一位置写了两次${zq(p.key)}。`, fix: '请只保留一个, 并合并其内容。' }),
  },
  'fullwidth-colon': {
    en: (p) => ({ message: `${q(p.key)} is followed by a full-width colon '：', which YAML does not read as a colon.`, fix: `Type a half-width colon and a space: '${p.key}: '.` }),
    'zh-CN': (p) => ({ message: `${zq(p.key)}后面是全角冒号“：”, YAML 不会把它当作冒号。`, fix: `请改为半角冒号加空格: “${p.key}: ”。` }),
  },
  'not-a-plan': {
    en: (p) => ({ message: `The file does not contain a plan: expected keys such as id, name, team and goals, but found ${p.received === 'empty' ? 'nothing' : RECEIVED.en[p.received] ?? p.received}.`, fix: 'Start from examples/spring-tea.zh.yaml or examples/b2b-webinar.en.yaml.' }),
    'zh-CN': (p) => ({ message: `文件中没有计划: 应包含 id、name、team、goals 等键, 实际是${p.received === 'empty' ? '空的' : RECEIVED['zh-CN'][p.received] ?? p.received}。`, fix: '可以从 examples/spring-tea.zh.yaml 或 examples/b2b-webinar.en.yaml 开始修改。' }),
  },
  'internal-error': {
    en: (p) => ({ message: `The plan could not be checked completely (${p.detail}).`, fix: 'Please report this together with the plan file.' }),
    'zh-CN': (p) => ({ message: `计划未能完整检查(${p.detail})。`, fix: '请把此问题连同计划文件一起反馈。' }),
  },

  'unknown-key': {
    en: (p, w) => ({ message: `${w.subject} has a key ${q(p.key)} that plans do not use.${meanEn(p.suggestion)}`, fix: p.suggestion ? `Rename it to ${q(p.suggestion)}.` : 'Remove it, or check its spelling and indentation.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}中的键${zq(p.key)}无法识别。${meanZh(p.suggestion)}`, fix: p.suggestion ? `请改为${zq(p.suggestion)}。` : '请删除它, 或检查拼写和缩进。' }),
  },
  'missing-key': {
    en: (p, w) => ({ message: `${w.subject} has no ${q(p.key)}.`, fix: p.example ? `Add it, e.g. ${p.example}` : `Add ${q(`${p.key}:`)} with a value.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}缺少${zq(p.key)}。`, fix: p.example ? `请补上, 例如 ${p.example}` : `请添加${zq(`${p.key}:`)}并填写值。` }),
  },
  'wrong-type': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} should be ${EXPECTED.en[p.expected] ?? p.expected}, but it is ${RECEIVED.en[p.received] ?? p.received}.`, ...fixOf(TYPE_FIX.en[p.expected]) }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}应为${EXPECTED['zh-CN'][p.expected] ?? p.expected}, 实际是${RECEIVED['zh-CN'][p.received] ?? p.received}。`, ...fixOf(TYPE_FIX['zh-CN'][p.expected]) }),
  },
  'not-an-option': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.value)} is not a valid ${p.key}.${meanEn(p.suggestion)}`, fix: `Choose one of: ${p.options.join(', ')}.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.value)}不是有效的 ${p.key}。${meanZh(p.suggestion)}`, fix: `可选值: ${p.options.join('、')}。` }),
  },
  'empty-value': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} is empty.`, fix: 'Write a value, or remove the key if it is optional.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}为空。`, fix: '请填写值; 如果该项可选, 也可以删除这个键。' }),
  },
  'list-too-short': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} needs at least ${p.minimum} ${p.minimum === 1 ? 'entry' : 'entries'}.`, fix: `List ${p.minimum === 1 ? 'one or more' : `${p.minimum} or more`} under ${q(`${p.key}:`)}, e.g. ${p.key}: [a, b], with the ids or values the plan defines.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}至少需要 ${p.minimum} 项。`, fix: `请在${zq(`${p.key}:`)}下列出至少 ${p.minimum} 项, 例如 ${p.key}: [a, b], 使用计划中定义的 id 或值。` }),
  },
  'list-too-long': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} may have at most ${p.maximum} entries.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}最多 ${p.maximum} 项。` }),
  },
  'text-too-long': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} is longer than ${n(p.maximum)} characters.`, fix: 'Shorten it.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}超过 ${n(p.maximum)} 个字符。`, fix: '请缩短。' }),
  },
  'number-too-small': {
    en: (p, w) => ({
      message: `${w.subject}: ${q(p.key)} must be ${p.inclusive ? 'at least' : 'more than'} ${n(p.minimum)}.`,
      fix: p.minimum === 0 && p.inclusive ? 'Amounts and shares cannot be negative: write 0 or more, without a minus sign.' : `Write a number ${p.inclusive ? 'of at least' : 'above'} ${n(p.minimum)}.`,
    }),
    'zh-CN': (p, w) => ({
      message: `${w.subject}: ${zq(p.key)}必须${p.inclusive ? '不小于' : '大于'} ${n(p.minimum)}。`,
      fix: p.minimum === 0 && p.inclusive ? '金额和比例不能为负数: 请写 0 或更大的数, 不要带负号。' : `请写${p.inclusive ? '不小于' : '大于'} ${n(p.minimum)} 的数。`,
    }),
  },
  'number-too-big': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} must be ${p.inclusive ? 'at most' : 'less than'} ${n(p.maximum)}.`, ...fixOf(p.maximum === 1 ? 'Shares are fractions: write 0.2 for 20%.' : undefined) }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}必须${p.inclusive ? '不大于' : '小于'} ${n(p.maximum)}。`, ...fixOf(p.maximum === 1 ? '比例请写成小数: 20% 写作 0.2。' : undefined) }),
  },
  'number-not-finite': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} is ${p.value}, which YAML reads as ${p.value === '.nan' ? '"not a number"' : 'infinity'}; no amount, share or target can be that.`, fix: 'Write a plain number, e.g. 20000 (or 0.2 for a share).' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}写的是 ${p.value}, YAML 会把它读成${p.value === '.nan' ? '“非数字”' : '无穷大'}; 金额、比例和目标都不能是这样的值。`, fix: '请写普通数字, 例如 20000(比例写 0.2)。' }),
  },
  'not-whole-number': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} must be a whole number, not ${p.value}.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}必须是整数, 不能是 ${p.value}。` }),
  },
  'id-format': {
    en: (p, w) => ({
      message: `${w.subject}: ${q(p.value)} is not an id. Ids use Latin letters, digits, dots, dashes or underscores, e.g. li.na.`,
      fix: p.suggestion ? `${q(p.value)} is the name of ${q(p.suggestion)}; write the id: ${p.suggestion}.`
        : p.fullwidthComma ? 'Separate list entries with a half-width comma: [a, b].'
          : 'Use an id defined in the plan (under team:, channels:, goals:, tasks: or gates:).',
    }),
    'zh-CN': (p, w) => ({
      message: `${w.subject}: ${zq(p.value)}不是有效的 id。id 只能使用英文字母、数字、点、短横线或下划线, 例如 li.na。`,
      fix: p.suggestion ? `${zq(p.value)}是${zq(p.suggestion)}的名称, 请写 id: ${p.suggestion}。`
        : p.fullwidthComma ? '列表项请用半角逗号分隔: [a, b]。'
          : '请使用计划中定义的 id(team:、channels:、goals:、tasks: 或 gates: 中的 id)。',
    }),
  },
  'plan-id-format': {
    en: (p) => ({ message: `The plan id ${q(p.value)} may only use lower-case letters, digits and dashes; it becomes the campaign's workflow id.`, fix: `For example: id: ${p.suggestion ?? 'spring-tea-2027'}` }),
    'zh-CN': (p) => ({ message: `计划 id ${zq(p.value)}只能使用小写英文字母、数字和短横线, 它会成为活动的工作流 id。`, fix: `例如: id: ${p.suggestion ?? 'spring-tea-2027'}` }),
  },
  'date-format': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} is ${q(p.value)}, which is not a date.`, fix: 'Write dates as YYYY-MM-DD, e.g. 2027-03-10.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}的值${zq(p.value)}不是日期。`, fix: '日期请写成 YYYY-MM-DD, 例如 2027-03-10。' }),
  },
  'start-format': {
    en: (p) => ({ message: `start is ${q(p.value)}, which is not a launch date.`, fix: 'Write the launch as YYYY-MM-DD, or with a local time in the plan\'s timezone as YYYY-MM-DDTHH:MM, e.g. 2027-06-01 or 2027-06-01T20:00.' }),
    'zh-CN': (p) => ({ message: `start 的值${zq(p.value)}不是上线日期。`, fix: '请把上线时间写成 YYYY-MM-DD, 或加上计划时区的当地时间写成 YYYY-MM-DDTHH:MM, 例如 2027-06-01 或 2027-06-01T20:00。' }),
  },
  'time-range-format': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.value)} is not a time range.`, fix: 'Write HH:MM-HH:MM in 24-hour time, e.g. 20:00-23:00.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.value)}不是时间段。`, fix: '请用 24 小时制写成 HH:MM-HH:MM, 例如 20:00-23:00。' }),
  },
  'currency-format': {
    en: (p) => ({ message: `The currency ${q(p.value)} is not a three-letter currency code.`, fix: 'Use a code such as CNY, USD or EUR.' }),
    'zh-CN': (p) => ({ message: `币种${zq(p.value)}不是三个大写字母的币种代码。`, fix: '请使用 CNY、USD、EUR 等代码。' }),
  },
  'duration-format': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} is ${q(p.value)}, which is not a duration.`, fix: 'Write a number and a unit: 30m (minutes), 12h (hours), 3d (days) or 2w (weeks).' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}的值${zq(p.value)}不是有效的时长。`, fix: '请写数字加单位: 30m(分钟)、12h(小时)、3d(天)或 2w(周)。' }),
  },
  'url-format': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.value)} is not a web address.`, fix: 'Write the full address, starting with https://.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.value)}不是网址。`, fix: '请写完整网址, 以 https:// 开头。' }),
  },
  'email-format': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.value)} is not an email address.`, fix: 'Write it as name@example.com.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.value)}不是邮箱地址。`, fix: '请写成 name@example.com 的形式。' }),
  },
  'invalid-value': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} is not valid (${p.detail}).` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}的值无效(${p.detail})。` }),
  },
  'gate-accountable-count': {
    en: (p, w) => ({
      message: p.count === 0 ? `${w.subject} has no accountable person.`
        : p.count === 1 ? `${w.subject} writes its accountable person as a list; a gate has exactly one accountable person.`
          : `${w.subject} names ${p.count} accountable people; a gate has exactly one.`,
      fix: 'Name the one person who signs this gate off, e.g. accountable: li.na; put others under responsible, consulted or informed.',
    }),
    'zh-CN': (p, w) => ({
      message: p.count === 0 ? `${w.subject}没有最终负责人(A)。`
        : p.count === 1 ? `${w.subject}的最终负责人(A)写成了列表; 每个关卡只有一个最终负责人。`
          : `${w.subject}写了 ${p.count} 个最终负责人(A), 每个关卡只能有一个。`,
      fix: '请只写一个负责签字的人, 例如 accountable: li.na; 其他人放到 responsible、consulted 或 informed 中。',
    }),
  },

  'notify-inline-secret': {
    en: (p, w) => ({
      message: `${w.subject}: notify writes the ${ROBOT_EN[p.kind] ?? p.kind} ${p.field === 'secret' ? 'signing secret' : 'robot address, which carries its access key,'} into the plan. Plans are shared, and a campaign's plan is readable by everyone who can see it in Temporal.`,
      fix: `Move it to the worker's secrets file (CAMPAIGN_SECRETS_FILE) as notify: { ${p.name}: { kind: ${p.kind}, url: …${SIGNED.has(p.kind) ? ', secret: …' : ''} } } and write ${q(`${p.kind}: ${p.name}`)} here.`,
    }),
    'zh-CN': (p, w) => ({
      message: `${w.subject}: notify 里直接写了${ROBOT_ZH[p.kind] ?? p.kind}${p.field === 'secret' ? '的签名密钥(secret)' : '的地址(url), 地址里带着访问密钥'}。计划会被分享, 活动的计划也会被所有能在 Temporal 中看到它的人读到。`,
      fix: `请把它移到 worker 的密钥文件(CAMPAIGN_SECRETS_FILE)中: notify: { ${p.name}: { kind: ${p.kind}, url: …${SIGNED.has(p.kind) ? ', secret: …' : ''} } }, 并在这里写${zq(`${p.kind}: ${p.name}`)}。`,
    }),
  },
  'notify-old-form': {
    en: (p, w) => ({ message: `${w.subject}: notify entries are written as kind: where, not with kind:${p.kind === 'email' ? ' and address:' : ''}.`, fix: `Write ${q(`${p.kind}: ${p.value ?? (p.kind === 'email' ? 'name@example.com' : 'team-robot')}`)}${p.kind === 'email' ? '' : ', a name defined in the worker\'s secrets file'}.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: notify 的每一项写作“方式: 目标”, 不再使用 kind:${p.kind === 'email' ? ' 和 address:' : ''}。`, fix: `请写${zq(`${p.kind}: ${p.value ?? (p.kind === 'email' ? 'name@example.com' : 'team-robot')}`)}${p.kind === 'email' ? '' : ', 名称需在 worker 的密钥文件中定义'}。` }),
  },
  'notify-one-target': {
    en: (p, w) => ({ message: p.count === 0 ? `${w.subject}: a notify entry names no target.` : `${w.subject}: one notify entry names ${p.count} targets.`, fix: 'Write one target per entry, e.g. notify: [{ wecom: team-robot }, { email: li.na@example.com }].' }),
    'zh-CN': (p, w) => ({ message: p.count === 0 ? `${w.subject}: notify 中有一项没有写目标。` : `${w.subject}: notify 的一项里写了 ${p.count} 个目标。`, fix: '每项只写一个目标, 例如 notify: [{ wecom: team-robot }, { email: li.na@example.com }]。' }),
  },
  'notify-target-name': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.value)} is not a notify target name.`, fix: `Write the name the target has in the worker's secrets file, using letters, digits, dots, dashes or underscores, e.g. ${p.kind}: team-robot.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.value)}不是有效的通知目标名称。`, fix: `请写该目标在 worker 密钥文件中的名称, 只用英文字母、数字、点、短横线或下划线, 例如 ${p.kind}: team-robot。` }),
  },
  'channel-inline-secret': {
    en: (p, w) => ({ message: `${w.subject} writes its ${p.key} into the plan, where everyone who reads the plan or the campaign in Temporal can see it.`, fix: `Remove it here and put it in the worker's secrets file (CAMPAIGN_SECRETS_FILE) as channels: { ${p.channel}: { webhookSecret: … } }.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}在计划里写了 ${p.key}, 所有能看到计划或在 Temporal 中看到活动的人都能读到它。`, fix: `请从这里删除, 写到 worker 的密钥文件(CAMPAIGN_SECRETS_FILE)中: channels: { ${p.channel}: { webhookSecret: … } }。` }),
  },

  'unknown-person': {
    en: (p, w) => ({ message: `${w.subject} names ${w.role} ${q(p.id)}, who is not in the team.${meanEn(p.suggestion)}`, fix: 'Add them under team: or correct the id.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}的${w.role}${zq(p.id)}不在团队(team)中。${meanZh(p.suggestion)}`, fix: '请把此人加到 team: 下, 或改正 id。' }),
  },
  'unknown-channel': {
    en: (p, w) => ({ message: `${w.subject} lists channel ${q(p.id)}, which is not one of the plan's channels.${meanEn(p.suggestion)}`, fix: 'Add it under channels: or correct the id.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}列出的渠道${zq(p.id)}不在计划的渠道(channels)中。${meanZh(p.suggestion)}`, fix: '请在 channels: 下添加该渠道, 或改正 id。' }),
  },
  'pilot-unknown-channel': {
    en: (p) => ({ message: `The pilot runs on channel ${q(p.id)}, which is not in the plan.${meanEn(p.suggestion)}`, fix: 'A pilot tries out channels the plan will use: add it under channels: or pick one of them.' }),
    'zh-CN': (p) => ({ message: `试点使用的渠道${zq(p.id)}不在计划中。${meanZh(p.suggestion)}`, fix: '试点只能在计划的渠道上进行: 请在 channels: 下添加, 或选择已有渠道。' }),
  },
  'unknown-kpi': {
    en: (p, w) => ({ message: `${w.subject} refers to KPI ${q(p.id)}, which is not in the goals.${meanEn(p.suggestion)}`, fix: 'Add it to the KPI tree under goals: or correct the id.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}引用的 KPI${zq(p.id)}不在目标(goals)中。${meanZh(p.suggestion)}`, fix: '请在 goals: 中添加该 KPI, 或改正 id。' }),
  },
  'unknown-task': {
    en: (p, w) => ({ message: `${w.subject} depends on task ${q(p.id)}, which is not in tasks.${meanEn(p.suggestion)}`, fix: 'Add the task under tasks: or correct the id.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}依赖的任务${zq(p.id)}不在任务(tasks)中。${meanZh(p.suggestion)}`, fix: '请在 tasks: 下添加该任务, 或改正 id。' }),
  },
  'unknown-gate-or-task': {
    en: (p, w) => ({ message: `${w.subject} waits for ${q(p.id)}, which is neither a gate nor a task.${meanEn(p.suggestion)}`, fix: 'Use the id of a gate or a task, or add it.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}等待的${zq(p.id)}既不是关卡也不是任务。${meanZh(p.suggestion)}`, fix: '请使用关卡或任务的 id, 或添加它。' }),
  },
  'dependency-cycle': {
    en: (p) => ({ message: `${p.kind === 'task' ? 'Tasks' : 'Gates'} wait for each other in a circle: ${p.cycle.join(' → ')}. None of them can ever start.`, fix: 'Remove one of these dependsOn entries.' }),
    'zh-CN': (p) => ({ message: `${p.kind === 'task' ? '任务' : '关卡'}之间循环依赖: ${p.cycle.join(' → ')}, 它们都无法开始。`, fix: '请删除其中一个 dependsOn 依赖。' }),
  },
  'dependency-later-phase': {
    en: (p, w) => ({ message: `${w.subject} (${p.phase}) waits for task ${q(p.id)}, which only runs later, in the ${p.dependsOnPhase} phase.`, fix: 'Move one of the two tasks to another phase, or remove the dependency.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}(${p.phase} 阶段)依赖任务${zq(p.id)}, 但该任务要到更晚的 ${p.dependsOnPhase} 阶段才执行。`, fix: '请调整其中一个任务的阶段, 或删除这个依赖。' }),
  },
  'duplicate-id': {
    en: (p, w) => ({ message: `The id ${q(p.id)} is used twice: here and at ${placeEn(p.firstPath, w)}.`, fix: 'Give each one its own id; references could not tell them apart.' }),
    'zh-CN': (p, w) => ({ message: `id ${zq(p.id)}被使用了两次: 这里和 ${placeZh(p.firstPath, w)}。`, fix: '请给每一项不同的 id, 否则引用时无法区分。' }),
  },
  'gate-task-id-clash': {
    en: (p, w) => ({ message: `Gate id ${q(p.id)} is also the id of a task (at ${placeEn(p.taskPath, w)}); a gate that waits for ${q(p.id)} would be ambiguous.`, fix: 'Rename the gate or the task.' }),
    'zh-CN': (p, w) => ({ message: `关卡 id ${zq(p.id)}同时也是一个任务的 id(${placeZh(p.taskPath, w)}), 等待${zq(p.id)}的关卡将无法区分二者。`, fix: '请重命名关卡或任务。' }),
  },
  'delegate-self': {
    en: (p, w) => ({ message: `${w.subject} names themself (${q(p.id)}) as their own delegate.`, fix: 'Name another team member under delegate.to, or remove delegate.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}把自己(${zq(p.id)})设为了自己的代理人。`, fix: '请在 delegate.to 中写另一位团队成员, 或删除 delegate。' }),
  },
  'unknown-role': {
    en: (p, w) => ({
      message: `${w.subject}: role ${q(p.value)} is not one the campaign knows, so it grants nothing (who may stop a crisis, who hears of refused posts).${p.suggestion ? ` Did you mean '${p.suggestion}' (${roleZh(p.suggestion)})?` : ''}`,
      fix: `Write a known role (${ROLE_KEYS}) or its Chinese label; keep it as written if it only describes the person.`,
    }),
    'zh-CN': (p, w) => ({
      message: `${w.subject}: 角色${zq(p.value)}不是系统认识的角色, 不会带来任何权限(例如发起危机、收到帖子被拒的通知)。${p.suggestion ? `你是不是想写 ${p.suggestion}(${roleZh(p.suggestion)})?` : ''}`,
      fix: `请写系统认识的角色(${ROLE_KEYS})或其中文名称; 如果只是描述这个人, 可以保留原样。`,
    }),
  },

  'channel-min-above-max': {
    en: (p, w) => ({ message: `${w.subject}: the minimum budget (${n(p.min)}) is above the maximum (${n(p.max)}).`, fix: 'Lower budget.min or raise budget.max.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: 最低预算(${n(p.min)})高于最高预算(${n(p.max)})。`, fix: '请降低 budget.min 或提高 budget.max。' }),
  },
  'channel-initial-outside-range': {
    en: (p, w) => ({ message: `${w.subject}: the initial budget ${n(p.initial)} is outside its range ${n(p.min)}–${n(p.max)}.`, fix: 'Set budget.initial between min and max, or widen the range.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: 初始预算 ${n(p.initial)} 不在范围 ${n(p.min)}–${n(p.max)} 之内。`, fix: '请把 budget.initial 设在 min 与 max 之间, 或放宽范围。' }),
  },
  'budget-over-total': {
    en: (p) => {
      const sum = p.channels + p.items + p.reserve;
      return { message: `The budget does not add up: channels ${n(p.channels)} + items ${n(p.items)} + reserve ${n(p.reserve)} = ${n(sum)} ${p.currency}, ${n(sum - p.total)} more than the total of ${n(p.total)}.`, fix: 'Lower some channels\' budget.initial or some items\' cap, or raise budget.total.' };
    },
    'zh-CN': (p) => {
      const sum = p.channels + p.items + p.reserve;
      return { message: `预算超支: 渠道 ${n(p.channels)} + 预算项 ${n(p.items)} + 预留 ${n(p.reserve)} = ${n(sum)} ${p.currency}, 比总预算 ${n(p.total)} 多 ${n(sum - p.total)}。`, fix: '请降低部分渠道的 budget.initial 或预算项的 cap, 或提高 budget.total。' };
    },
  },
  'pilot-budget-over-channels': {
    en: (p) => ({ message: `The pilot budget of ${n(p.budget)} ${p.currency} is more than its channels (${p.channels.join(', ')}) have: ${n(p.available)} in initial budgets.`, fix: 'Lower pilot.budget, or raise those channels\' budget.initial.' }),
    'zh-CN': (p) => ({ message: `试点预算 ${n(p.budget)} ${p.currency} 超过了试点渠道(${p.channels.join('、')})的初始预算之和 ${n(p.available)}。`, fix: '请降低 pilot.budget, 或提高这些渠道的 budget.initial。' }),
  },
  'channel-webhook-url': {
    en: (_p, w) => ({ message: `${w.subject} uses the webhook adapter but has no url to send posts to.`, fix: 'Add url: https://…, or use adapter: sandbox.' }),
    'zh-CN': (_p, w) => ({ message: `${w.subject}使用 webhook 适配器, 但没有填写 url。`, fix: '请添加 url: https://…, 或改用 adapter: sandbox。' }),
  },
  'roi-threshold-not-positive': {
    en: (p, w) => ({ message: `${w.subject}: pauseBelowRoi is ${n(p.value)}, but a channel's ROI (revenue ÷ spend) is never below 0, so no channel would ever be paused.`, fix: 'Write the ROI below which a channel pauses, e.g. pauseBelowRoi: 1.5 (revenue 1.5 times the spend), or remove the key to never pause.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: pauseBelowRoi 为 ${n(p.value)}, 但渠道 ROI(收入 ÷ 花费)不会低于 0, 任何渠道都不会被暂停。`, fix: '请写渠道暂停的 ROI 下限, 例如 pauseBelowRoi: 1.5(收入为花费的 1.5 倍); 如果从不暂停, 请删除这个键。' }),
  },

  'formula-syntax': {
    en: (p, w) => ({ message: `${w.subject}: the formula ${q(p.formula)} cannot be read at character ${p.position + 1}: ${FORMULA_PROBLEM.en[p.problem](nearOf(p))}.`, fix: 'Use KPI ids, numbers, + - * / and parentheses, e.g. orders / uv.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: 公式${zq(p.formula)}在第 ${p.position + 1} 个字符处无法识别: ${FORMULA_PROBLEM['zh-CN'][p.problem](nearOf(p))}。`, fix: '公式只能包含 KPI id、数字、+ - * / 和括号, 例如 orders / uv。' }),
  },
  'formula-unknown-kpi': {
    en: (p, w) => ({ message: `${w.subject}: the formula uses ${q(p.id)}, which is not a KPI id.${meanEn(p.suggestion)}`, fix: p.split ? `Ids may contain dashes, so to subtract put spaces around the minus: ${p.split}.` : 'Use ids from goals:, or add the KPI there.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: 公式中的${zq(p.id)}不是 KPI id。${meanZh(p.suggestion)}`, fix: p.split ? `id 中可以包含短横线, 做减法时请在减号两边加空格: ${p.split}。` : '请使用 goals: 中的 id, 或在那里添加该 KPI。' }),
  },
  'formula-divides-by-zero': {
    en: (p, w) => ({ message: `${w.subject}: the formula ${q(p.formula)} divides by zero.`, fix: 'Divide by a KPI or by a number other than zero.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: 公式${zq(p.formula)}除以了零。`, fix: '请除以某个 KPI 或非零数字。' }),
  },
  'formula-cycle': {
    en: (p) => ({ message: `KPIs are computed from each other in a circle: ${p.cycle.join(' → ')}. None of them can be computed.`, fix: 'Make one of them measured (metric:) instead of computed.' }),
    'zh-CN': (p) => ({ message: `KPI 之间循环计算: ${p.cycle.join(' → ')}, 它们都无法算出。`, fix: '请把其中一个改为直接采集的指标(metric:), 而不是公式。' }),
  },
  'kpi-no-measure': {
    en: (_p, w) => ({ message: `${w.subject} has neither a metric nor a formula, so it can never be measured.`, fix: 'Add metric: <the analytics metric> or formula: <e.g. orders / uv>.' }),
    'zh-CN': (_p, w) => ({ message: `${w.subject}既没有 metric 也没有 formula, 无法衡量。`, fix: '请添加 metric: <统计指标名> 或 formula: <例如 orders / uv>。' }),
  },
  'kpi-metric-and-formula': {
    en: (_p, w) => ({ message: `${w.subject} has both a metric and a formula; it is unclear which one counts.`, fix: 'Keep one: metric for a measured number, formula for a computed one.' }),
    'zh-CN': (_p, w) => ({ message: `${w.subject}同时有 metric 和 formula, 不清楚以哪个为准。`, fix: '请只保留一个: 直接采集用 metric, 计算得出用 formula。' }),
  },
  'kpi-no-owner': {
    en: (_p, w) => ({ message: `${w.subject} has no owner, and no KPI above it has one either.`, fix: 'Add owner: <person id> to it or to a KPI above it; every KPI needs one person who answers for it.' }),
    'zh-CN': (_p, w) => ({ message: `${w.subject}没有负责人, 它上层的 KPI 也没有。`, fix: '请为它或其上层 KPI 添加 owner: <成员 id>; 每个 KPI 都需要一位负责人。' }),
  },
  'pilot-criterion-without-bound': {
    en: (p) => ({ message: `The pilot criterion for ${q(p.kpi)} sets neither atLeast nor atMost, so the pilot can never fail it.`, fix: 'Add atLeast: <value> (or atMost: <value> for costs).' }),
    'zh-CN': (p) => ({ message: `试点成功标准${zq(p.kpi)}既没有 atLeast 也没有 atMost, 永远不会判定失败。`, fix: '请添加 atLeast: <数值>(成本类指标用 atMost: <数值>)。' }),
  },
  'pilot-criterion-impossible': {
    en: (p) => ({ message: `The pilot criterion for ${q(p.kpi)} asks for at least ${n(p.atLeast)} but at most ${n(p.atMost)}, so no result can pass it.`, fix: 'Make atLeast no larger than atMost, or keep only one of them.' }),
    'zh-CN': (p) => ({ message: `试点成功标准${zq(p.kpi)}要求不低于 ${n(p.atLeast)} 且不高于 ${n(p.atMost)}, 任何结果都无法通过。`, fix: '请让 atLeast 不大于 atMost, 或只保留其中一个。' }),
  },
  'kpi-target-not-positive': {
    en: (p, w) => ({
      message: `${w.subject}: the target is ${n(p.target)}; ${p.target === 0 ? 'attainment is actual ÷ target, so a target of 0 can never be judged' : 'a negative target is no amount the KPI can reach'}.`,
      fix: 'Write the amount the KPI should reach, more than 0, e.g. target: 20000 (for a rate, the rate itself: 0.04 for 4%).',
    }),
    'zh-CN': (p, w) => ({
      message: `${w.subject}: 目标值为 ${n(p.target)}; ${p.target === 0 ? '达成率 = 实际值 ÷ 目标值, 目标为 0 时永远无法计算达成率' : '负数目标不是 KPI 能达到的数值'}。`,
      fix: '请写 KPI 要达到的数值, 必须大于 0, 例如 target: 20000(比率写比率本身: 4% 写作 0.04)。',
    }),
  },

  'duration-zero': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} is ${q(p.value)}, no time at all.`, fix: 'Write a duration longer than zero, e.g. 3d, or remove the key if it is optional.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}为${zq(p.value)}, 时长为零。`, fix: '请写大于零的时长, 例如 3d; 如果该项可选, 也可以删除这个键。' }),
  },
  'reminder-too-frequent': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} is ${q(p.value)}; a reminder that often would flood the person's chat.`, fix: `Remind at most every ${p.minimum}; a day (1d) is usual.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}为${zq(p.value)}, 提醒这么频繁会刷屏。`, fix: `提醒间隔至少 ${p.minimum}; 一般为一天(1d)。` }),
  },
  'duration-too-long': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.key)} is ${q(p.value)}, about ${n(p.days)} days; a plan's durations are at most ${p.maximum} (five years).`, fix: 'Check the number and the unit: d is days, w is weeks, e.g. 30d or 6w.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.key)}为${zq(p.value)}, 约 ${n(p.days)} 天; 计划中的时长最多 ${p.maximum}(五年)。`, fix: '请检查数字和单位: d 表示天, w 表示周, 例如 30d 或 6w。' }),
  },

  'content-no-channels': {
    en: (_p, w) => ({ message: `${w.subject} lists no channels, so it would never be published.`, fix: 'List the channels it goes out on, e.g. channels: [douyin, wechat], or remove the item.' }),
    'zh-CN': (_p, w) => ({ message: `${w.subject}没有列出任何渠道, 永远不会发布。`, fix: '请列出发布渠道, 例如 channels: [douyin, wechat], 或删除这条内容。' }),
  },
  'peak-hours-empty': {
    en: (p, w) => ({ message: `${w.subject}: the peak hours ${q(p.value)} start and end at the same minute, so they hold no time.`, fix: 'Write when the audience is active, e.g. 20:00-23:00; a range past midnight such as 22:00-01:00 is fine.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: 高峰时段${zq(p.value)}的开始和结束是同一时刻, 不包含任何时间。`, fix: '请写受众活跃的时段, 例如 20:00-23:00; 跨过午夜的时段如 22:00-01:00 也可以。' }),
  },
  'crisis-share-zero': {
    en: (_p, w) => ({ message: `${w.subject}: negativeShare is 0, so every window with enough interactions would start a crisis, even without one negative comment.`, fix: 'Write the share of negative interactions that means a crisis, e.g. negativeShare: 0.3 for 30%.' }),
    'zh-CN': (_p, w) => ({ message: `${w.subject}: negativeShare 为 0, 只要互动量足够, 即使没有一条负面评论也会触发危机。`, fix: '请写触发危机的负面互动占比, 例如 negativeShare: 0.3(30%)。' }),
  },
  'content-review-gates': {
    en: (p, w) => ({ message: `${w.subject} reviews the content, but gate ${q(p.first)} already does; only one gate can.`, fix: `Keep reviews: content on one gate and remove it from ${q(p.id)}.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}设置了审核内容, 但关卡${zq(p.first)}已经审核内容; 只能有一个关卡审核内容。`, fix: `请只在一个关卡上保留 reviews: content, 删除${zq(p.id)}上的。` }),
  },
  ...contentSentences(),
  'report-languages-empty': {
    en: (_p, w) => ({ message: `${w.subject}: reportLanguages is empty, so the closing report would be written in no language.`, fix: 'List at least one: reportLanguages: [zh-CN] or [zh-CN, en]; remove the key for both.' }),
    'zh-CN': (_p, w) => ({ message: `${w.subject}: reportLanguages 为空, 收尾报告将没有任何语言版本。`, fix: '请至少写一种: reportLanguages: [zh-CN] 或 [zh-CN, en]; 删除这个键则生成两种语言。' }),
  },

  'goal-due-invalid': {
    en: (p, w) => ({ message: `${w.subject}: due ${q(p.value)} is not a deadline.${meanEn(p.suggestion)}`, fix: `Write end, a phase (${PHASE_LIST}) or a date YYYY-MM-DD.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: 截止时间 due ${zq(p.value)}无法识别。${meanZh(p.suggestion)}`, fix: `请写 end、阶段名(${PHASE_LIST})或日期 YYYY-MM-DD。` }),
  },
  'phase-not-in-plan': {
    en: (p, w) => ({ message: `${w.subject} refers to the ${p.phase} phase, but the plan has no ${p.phase}.`, fix: `Add a ${p.phase}: section, or choose another phase.` }),
    'zh-CN': (p, w) => ({ message: `${w.subject}引用了 ${p.phase} 阶段, 但计划中没有 ${p.phase}。`, fix: `请添加 ${p.phase}: 部分, 或选择其他阶段。` }),
  },
  'date-not-real': {
    en: (p, w) => ({ message: `${w.subject}: ${q(p.value)} is not a real calendar date.`, fix: 'Check the month and the day.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}: ${zq(p.value)}不是真实存在的日期。`, fix: '请检查月份和日期。' }),
  },
  'goal-due-outside-campaign': {
    en: (p, w) => ({ message: `${w.subject} is due ${p.value}, outside the campaign, which runs from ${p.start} to about ${p.end}.`, fix: 'Move the deadline into the campaign, or write end or a phase name.' }),
    'zh-CN': (p, w) => ({ message: `${w.subject}的截止日期 ${p.value} 不在活动期间内(活动从 ${p.start} 开始, 约在 ${p.end} 结束)。`, fix: '请把截止日期放到活动期间内, 或改写为 end 或阶段名。' }),
  },
  'rollout-ends-after-end-by': {
    en: (p) => ({
      message: `The rollout must end by ${p.endBy} (rollout.endBy), but launched on ${p.start} it runs until ${p.lastDay} (pilot, warm-up and rollout as planned).`,
      fix: `Launch on ${p.latestStart} or earlier (start), shorten the pilot, warm-up or rollout, or move rollout.endBy to ${p.lastDay}.`,
    }),
    'zh-CN': (p) => ({
      message: `全面推广须在 ${p.endBy} (rollout.endBy) 前结束, 但按 ${p.start} 上线, 试点、预热和推广按计划执行要到 ${p.lastDay} 才结束。`,
      fix: `请把上线日期 start 提前到 ${p.latestStart} 或更早, 或缩短试点、预热或推广周期, 或把 rollout.endBy 改为 ${p.lastDay}。`,
    }),
  },
  'end-by-needs-start': {
    en: (p) => ({
      message: `The rollout must end by ${p.endBy} (rollout.endBy), but the plan has no launch date (start), so nothing holds that date.`,
      fix: `Add start: a launch on ${p.latestStart} or earlier ends the rollout by ${p.endBy}.`,
    }),
    'zh-CN': (p) => ({
      message: `全面推广须在 ${p.endBy} (rollout.endBy) 前结束, 但计划没有上线日期 (start), 无法保证这个日期。`,
      fix: `请添加 start: 在 ${p.latestStart} 或更早上线, 推广即可在 ${p.endBy} 前结束。`,
    }),
  },
};

/** The content lint writes its findings in both languages; the plan issue adds which item it is. */
function contentSentences(): { [K in ContentIssueRule]: { en: Say<K>; 'zh-CN': Say<K> } } {
  const say = (lang: Lang) => (p: ContentFinding, w: Where): Sentence => ({
    message: `${w.subject}: ${p.message[lang]}`,
    ...fixOf(p.fix?.[lang]),
  });
  const entries = CONTENT_RULE_IDS.map((rule) => [`content-${rule}`, { en: say('en'), 'zh-CN': say('zh-CN') }] as const);
  return Object.fromEntries(entries) as { [K in ContentIssueRule]: { en: Say<K>; 'zh-CN': Say<K> } };
}

function fixOf(fix: string | undefined): { fix?: string } {
  return fix ? { fix } : {};
}

function nearOf(p: RuleParams['formula-syntax']): string {
  return [...p.formula.slice(p.position)][0] ?? '';
}

function placeEn(path: Path, w: Where): string {
  const line = w.lineOf(path);
  return line ? `${formatPath(path)} (line ${line})` : formatPath(path);
}

function placeZh(path: Path, w: Where): string {
  const line = w.lineOf(path);
  return line ? `${formatPath(path)}(第 ${line} 行)` : formatPath(path);
}

export function sentenceFor(found: RuleIssue, lang: Lang, where: Where): Sentence {
  const say = catalogue[found.rule][lang] as Say<RuleId>;
  return say(found.params as never, where);
}

/** Rule ids with a sentence in every language (for tests and docs). */
export const CATALOGUED_RULES = Object.keys(catalogue) as RuleId[];
