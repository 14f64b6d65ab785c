/**
 * From the text of a plan file to plain data, plus a way back from a path in that data to a line
 * and column in the file. YAML and JSON both go through the YAML parser (JSON is YAML), so both get
 * positions. Hostile input is bounded before the parser sees it: size, and nesting of brackets,
 * which would otherwise exhaust the parser's stack.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { issue, type Path, type Position, type RuleIssue } from './issues.js';
import { planSchema } from './schema.js';
import { allKeys } from './schema-walk.js';

export const MAX_PLAN_BYTES = 1024 * 1024;
/** Far deeper than any real plan (about 6 levels plus 2 per level of the KPI tree). */
export const MAX_NESTING = 64;
const MAX_SYNTAX_ISSUES = 20;
const MAX_ALIASES = 100;

export type Locate = (path: Path) => Position | undefined;

export type PlanSource =
  | { ok: true; data: unknown; locate: Locate; warnings: RuleIssue[] }
  | { ok: false; issues: RuleIssue[] };

function byteLength(text: string): number {
  // Every character takes at least one byte, so long text is over the limit without encoding it.
  return text.length > MAX_PLAN_BYTES ? text.length : new TextEncoder().encode(text).length;
}

export function readPlanSource(raw: string, format: 'YAML' | 'JSON' = 'YAML'): PlanSource {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const bytes = byteLength(text);
  if (bytes > MAX_PLAN_BYTES) return { ok: false, issues: [issue('too-large', [], { bytes, limit: MAX_PLAN_BYTES })] };

  const deepAt = deepBracketOffset(text);
  if (deepAt !== undefined) {
    return { ok: false, issues: [issue('too-deep', [], { limit: MAX_NESTING }, positionOf(text, deepAt))] };
  }

  const warnings = fullwidthColons(text);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const syntax = doc.errors.slice(0, MAX_SYNTAX_ISSUES).map((error) => {
      const at = error.linePos?.[0] ? { line: error.linePos[0].line, column: error.linePos[0].col } : positionOf(text, error.pos[0]);
      if (error.code === 'DUPLICATE_KEY') return issue('duplicate-key', [], { key: keyAt(text, error.pos[0]) }, at);
      return issue('yaml-syntax', [], { code: error.code, detail: firstSentence(error.message), format }, at);
    });
    return { ok: false, issues: [...warnings, ...syntax] };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const detail = error instanceof Error ? firstSentence(error.message) : 'the document could not be read';
    return { ok: false, issues: [...warnings, issue('yaml-syntax', [], { code: 'TOO_MANY_ALIASES', detail, format })] };
  }
  const locate: Locate = (path) => locateIn(doc, lineCounter, path);

  const deepPath = pathBeyondDepth(data);
  if (deepPath) return { ok: false, issues: [...warnings, issue('too-deep', deepPath, { limit: MAX_NESTING }, locate(deepPath))] };
  return { ok: true, data, locate, warnings };
}

/**
 * A plan that arrives already read (an object in a JSON request): the same depth bound, and no
 * file to point into.
 */
export function readPlanData(data: unknown): PlanSource {
  const deepPath = pathBeyondDepth(data);
  if (deepPath) return { ok: false, issues: [issue('too-deep', deepPath, { limit: MAX_NESTING })] };
  return { ok: true, data, locate: () => undefined, warnings: [] };
}

/** Offset of the first `[` or `{` nested deeper than the limit, counting brackets anywhere. */
function deepBracketOffset(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5b || ch === 0x7b) {
      if (++depth > MAX_NESTING) return i;
    } else if ((ch === 0x5d || ch === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** The path of the first value nested deeper than the limit (block indentation can nest too). */
function pathBeyondDepth(data: unknown): Path | undefined {
  const stack: { value: unknown; path: Path }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (path.length > MAX_NESTING) return path;
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] });
    }
  }
  return undefined;
}

const PLAN_KEYS = allKeys(planSchema);

/**
 * Chinese input methods type `：` for `:`; YAML then reads `owner：li.na` as one piece of text and
 * the real cause hides behind a confusing shape error. Only plan keys count: `- KPI：已确认` in a
 * checklist is ordinary Chinese text.
 */
function fullwidthColons(text: string): RuleIssue[] {
  const found: RuleIssue[] = [];
  const lines = text.split(/\r?\n/);
  const key = /(^\s*(?:-\s+)?|[{,]\s*)([A-Za-z_][A-Za-z0-9_-]*)\s*：/g;
  lines.forEach((line, i) => {
    for (const match of line.matchAll(key)) {
      if (found.length >= MAX_SYNTAX_ISSUES || !PLAN_KEYS.has(match[2]!)) continue;
      const column = match.index + match[1]!.length + 1;
      found.push(issue('fullwidth-colon', [], { key: match[2]! }, { line: i + 1, column }));
    }
  });
  return found;
}

function locateIn(doc: Document, lineCounter: LineCounter, path: Path): Position | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function keyAt(text: string, offset: number): string {
  return /^[^:\n]*/.exec(text.slice(offset, offset + 200))![0].trim().replace(/^["']|["']$/g, '');
}

/** The parser's own explanation without the position and source excerpt it appends. */
function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').slice(0, 200);
}
