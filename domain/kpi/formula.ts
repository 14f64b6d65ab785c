/**
 * KPI formulas such as `orders / uv` or `(leads.edm + leads.sem) × 0.3`: numbers, KPI ids, + - * /
 * (also × and ÷), parentheses and unary minus. Parsed into a tree and evaluated by walking it; no
 * text is ever executed.
 *
 * KPI ids may contain dots and dashes (`li.na`-style), so `a-b` is one id: write `a - b` to subtract.
 */

export type FormulaAst =
  | { kind: 'number'; value: number; position: number }
  | { kind: 'kpi'; id: string; position: number }
  | { kind: 'negate'; operand: FormulaAst; position: number }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: FormulaAst; right: FormulaAst; position: number };

export type FormulaError = {
  message: string;
  /** Zero-based index into the formula text. */
  position: number;
  problem: 'empty' | 'unexpected-character' | 'unexpected-token' | 'unexpected-end' | 'unclosed-parenthesis' | 'too-deep';
};

export type FormulaParse = { ok: true; ast: FormulaAst } | { ok: false; error: FormulaError };

/** The same id syntax as references in the plan schema. */
const ID = /[A-Za-z0-9][A-Za-z0-9._-]*/y;
const NUMBER = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
const LEADING_DOT_NUMBER = /\.\d+/y;
// Chinese input methods produce full-width parentheses and spaces; accept them as written.
const OPERATORS: Record<string, Token['type']> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '×': '*', '÷': '/', '(': '(', ')': ')', '（': '(', '）': ')',
};
const MAX_NESTING = 64;

type Token =
  | { type: 'number'; value: number; position: number; text: string }
  | { type: 'id'; id: string; position: number; text: string }
  | { type: '+' | '-' | '*' | '/' | '(' | ')'; position: number; text: string }
  | { type: 'end'; position: number; text: string };

class FormulaSyntaxError extends Error {
  constructor(readonly problem: FormulaError['problem'], readonly position: number, message: string) {
    super(message);
  }
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    const op = OPERATORS[ch];
    if (op) {
      tokens.push({ type: op, position: i, text: ch } as Token);
      i++;
      continue;
    }
    ID.lastIndex = i;
    LEADING_DOT_NUMBER.lastIndex = i;
    const word = ID.exec(src) ?? LEADING_DOT_NUMBER.exec(src);
    if (!word) throw new FormulaSyntaxError('unexpected-character', i, `unexpected character "${ch}" at position ${i + 1}`);
    const text = word[0];
    tokens.push(NUMBER.test(text)
      ? { type: 'number', value: Number(text), position: i, text }
      : { type: 'id', id: text, position: i, text });
    i += text.length;
  }
  tokens.push({ type: 'end', position: src.length, text: '' });
  return tokens;
}

class Parser {
  private index = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FormulaAst {
    const ast = this.sum();
    const next = this.peek();
    if (next.type === ')') throw new FormulaSyntaxError('unexpected-token', next.position, `")" at position ${next.position + 1} has no matching "("`);
    if (next.type !== 'end') throw new FormulaSyntaxError('unexpected-token', next.position, `unexpected "${next.text}" at position ${next.position + 1}`);
    return ast;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private take(): Token {
    return this.tokens[this.index++]!;
  }

  private sum(): FormulaAst {
    let left = this.product();
    for (let next = this.peek(); next.type === '+' || next.type === '-'; next = this.peek()) {
      this.take();
      left = { kind: 'binary', op: next.type, left, right: this.product(), position: next.position };
    }
    return left;
  }

  private product(): FormulaAst {
    let left = this.unary();
    for (let next = this.peek(); next.type === '*' || next.type === '/'; next = this.peek()) {
      this.take();
      left = { kind: 'binary', op: next.type, left, right: this.unary(), position: next.position };
    }
    return left;
  }

  private unary(): FormulaAst {
    const next = this.peek();
    if (next.type === '-' || next.type === '+') {
      this.take();
      const operand = this.nested(() => this.unary(), next.position);
      return next.type === '-' ? { kind: 'negate', operand, position: next.position } : operand;
    }
    return this.primary();
  }

  private primary(): FormulaAst {
    const token = this.take();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: token.value, position: token.position };
      case 'id':
        return { kind: 'kpi', id: token.id, position: token.position };
      case '(': {
        const inner = this.nested(() => this.sum(), token.position);
        const close = this.take();
        if (close.type !== ')') {
          throw new FormulaSyntaxError('unclosed-parenthesis', token.position, `"(" at position ${token.position + 1} is never closed`);
        }
        return inner;
      }
      case 'end':
        throw new FormulaSyntaxError('unexpected-end', token.position, 'the formula ends where a number or KPI id was expected');
      default:
        throw new FormulaSyntaxError('unexpected-token', token.position, `unexpected "${token.text}" at position ${token.position + 1}`);
    }
  }

  private nested(parse: () => FormulaAst, position: number): FormulaAst {
    if (++this.depth > MAX_NESTING) throw new FormulaSyntaxError('too-deep', position, 'the formula is nested too deeply');
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }
}

export function parseFormula(src: string): FormulaParse {
  if (src.trim() === '') return { ok: false, error: { problem: 'empty', position: 0, message: 'the formula is empty' } };
  try {
    return { ok: true, ast: new Parser(tokenize(src)).parse() };
  } catch (error) {
    if (error instanceof FormulaSyntaxError) {
      return { ok: false, error: { problem: error.problem, position: error.position, message: error.message } };
    }
    throw error;
  }
}

/** KPI ids a formula reads, each once, in order of first appearance. */
export function formulaReferences(ast: FormulaAst): string[] {
  const seen = new Set<string>();
  const visit = (node: FormulaAst): void => {
    switch (node.kind) {
      case 'kpi': seen.add(node.id); break;
      case 'negate': visit(node.operand); break;
      case 'binary': visit(node.left); visit(node.right); break;
      case 'number': break;
    }
  };
  visit(ast);
  return [...seen];
}

/**
 * The formula's value, or 'unknown' when a KPI has no data yet or a division by zero occurs: a
 * dashboard must show "unknown", not NaN or Infinity.
 */
export function evaluateFormula(ast: FormulaAst, values: (id: string) => number | undefined): number | 'unknown' {
  const value = evaluate(ast, values);
  return value === undefined || !Number.isFinite(value) ? 'unknown' : value;
}

function evaluate(node: FormulaAst, values: (id: string) => number | undefined): number | undefined {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'kpi': {
      const value = values(node.id);
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    }
    case 'negate': {
      const operand = evaluate(node.operand, values);
      return operand === undefined ? undefined : -operand;
    }
    case 'binary': {
      const left = evaluate(node.left, values);
      const right = evaluate(node.right, values);
      if (left === undefined || right === undefined) return undefined;
      switch (node.op) {
        case '+': return left + right;
        case '-': return left - right;
        case '*': return left * right;
        case '/': return right === 0 ? undefined : left / right;
      }
    }
  }
}

/** True if some division's divisor is made of numbers only and comes to zero, e.g. `uv / (1 - 1)`. */
export function dividesByConstantZero(ast: FormulaAst): boolean {
  switch (ast.kind) {
    case 'number':
    case 'kpi':
      return false;
    case 'negate':
      return dividesByConstantZero(ast.operand);
    case 'binary':
      if (dividesByConstantZero(ast.left) || dividesByConstantZero(ast.right)) return true;
      return ast.op === '/' && formulaReferences(ast.right).length === 0 && evaluate(ast.right, () => undefined) === 0;
  }
}

/** The formula written back out, fully parenthesised where precedence requires. */
export function formatFormula(ast: FormulaAst): string {
  switch (ast.kind) {
    case 'number': return String(ast.value);
    case 'kpi': return ast.id;
    case 'negate': return `-${wrap(ast.operand, ast.operand.kind === 'binary')}`;
    case 'binary': {
      const rank = (op: string): number => (op === '+' || op === '-' ? 1 : 2);
      const left = wrap(ast.left, ast.left.kind === 'binary' && rank(ast.left.op) < rank(ast.op));
      const right = wrap(ast.right, ast.right.kind === 'binary' && rank(ast.right.op) <= rank(ast.op));
      return `${left} ${ast.op} ${right}`;
    }
  }
}

function wrap(ast: FormulaAst, parenthesise: boolean): string {
  return parenthesise ? `(${formatFormula(ast)})` : formatFormula(ast);
}
