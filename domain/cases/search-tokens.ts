/**
 * Search tokens for the case library, for Chinese and English alike, without a Chinese parser in
 * PostgreSQL (stock PostgreSQL 15 has none; zhparser is not in contrib).
 *
 * - Text is NFKC-normalised (full-width letters and digits become ASCII) and lower-cased.
 * - A run of CJK characters gives every overlapping pair of characters (bigrams) and every single
 *   character: 下次要提前两周备货 → 下次 次要 要提 提前 前两 两周 周备 备货, 下 次 要 …
 * - Latin letters and digits give words: "Stock up 2 weeks early" → stock up 2 weeks early.
 *
 * Documents are stored as a `tsvector` literal built here (lexemes with positions and weights), so
 * PostgreSQL's locale-dependent parser never sees the text. Queries are a `tsquery` literal built
 * by the same code: see `searchQuery`.
 */

export interface SearchTokens {
  /** CJK runs as written, one entry per run. */
  cjk: string[];
  /** Lower-cased Latin words and numbers. */
  words: string[];
}

/** Han, kana, Hangul and CJK compatibility ideographs. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]/u;
/** Words longer than this are not words people search for (hashes, URLs run together). */
const MAX_WORD = 40;
/** PostgreSQL keeps positions up to 16383; documents beyond that stop adding positions. */
const MAX_POSITION = 16_383;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Splits text into CJK runs and Latin words; everything else separates them. */
export function splitText(text: string): SearchTokens {
  const cjk: string[] = [];
  const words: string[] = [];
  let run = '';
  let word = '';
  const flush = () => {
    if (run) cjk.push(run);
    if (word && word.length <= MAX_WORD) words.push(word);
    run = '';
    word = '';
  };
  for (const ch of normalize(text)) {
    if (CJK.test(ch)) {
      if (word) flush();
      run += ch;
    } else if (WORD.test(ch)) {
      if (run) flush();
      word += ch;
    } else {
      flush();
    }
  }
  flush();
  return { cjk, words };
}

/** Overlapping pairs of a CJK run; a run of one character is that character. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Every lexeme a document contributes, in order: bigrams and single characters, and words. */
export function documentTokens(text: string): string[] {
  const out: string[] = [];
  for (const piece of pieces(text)) {
    if (piece.kind === 'word') {
      out.push(piece.text);
    } else {
      const chars = [...piece.text];
      chars.forEach((ch, i) => {
        out.push(ch);
        if (i + 1 < chars.length) out.push(ch + chars[i + 1]!);
      });
    }
  }
  return out;
}

/** CJK runs and words in the order they appear, so positions follow the text. */
function pieces(text: string): Array<{ kind: 'cjk' | 'word'; text: string }> {
  const out: Array<{ kind: 'cjk' | 'word'; text: string }> = [];
  let current: { kind: 'cjk' | 'word'; text: string } | undefined;
  for (const ch of normalize(text)) {
    const kind = CJK.test(ch) ? 'cjk' : WORD.test(ch) ? 'word' : undefined;
    if (kind && current?.kind === kind) {
      current.text += ch;
      continue;
    }
    if (current && (current.kind === 'cjk' || current.text.length <= MAX_WORD)) out.push(current);
    current = kind ? { kind, text: ch } : undefined;
  }
  if (current && (current.kind === 'cjk' || current.text.length <= MAX_WORD)) out.push(current);
  return out;
}

export type SearchWeight = 'A' | 'B' | 'C' | 'D';

/**
 * A `tsvector` literal for texts of different weight (A the title, B what people wrote in the
 * retrospective, C the plan and numbers): `'提前':3B '备货':9B 'stock':12B …`.
 */
export function tsvectorLiteral(parts: ReadonlyArray<{ weight: SearchWeight; texts: readonly string[] }>): string {
  const lexemes = new Map<string, string[]>();
  let position = 0;
  for (const part of parts) {
    for (const text of part.texts) {
      for (const token of documentTokens(text)) {
        position = Math.min(position + 1, MAX_POSITION);
        const positions = lexemes.get(token) ?? [];
        // tsvector keeps at most 256 positions per lexeme.
        if (positions.length < 256) positions.push(`${position}${part.weight}`);
        lexemes.set(token, positions);
      }
      position = Math.min(position + 1, MAX_POSITION);
    }
  }
  return [...lexemes].map(([lexeme, positions]) => `${quoteLexeme(lexeme)}:${positions.join(',')}`).join(' ');
}

/**
 * The `tsquery` literal for what a person typed, or undefined when it holds nothing to search for.
 *
 * A Chinese phrase is not looked for as one string: people write 提前备货 for a lesson written as
 * 提前两周备货. A run is cut into consecutive pairs (Chinese words are mostly two characters), in
 * both ways of cutting it, and either cut matches: 提前备货 → (提前 & 备货) | (提 & 前备 & 货);
 * 要提前备货 → (要提 & 前备 & 货) | (要 & 提前 & 备货). A single character matches itself.
 * Latin words match as prefixes (stock matches stocking). Every run and word must match (AND).
 */
export function searchQuery(text: string): string | undefined {
  const { cjk, words } = splitText(text);
  const terms: string[] = [];
  for (const run of cjk) terms.push(cjkTerm(run));
  for (const word of new Set(words)) terms.push(`${quoteLexeme(word)}:*`);
  if (terms.length === 0) return undefined;
  return terms.join(' & ');
}

function cjkTerm(run: string): string {
  const chars = [...run];
  if (chars.length <= 2) return quoteLexeme(run);
  const cuts = [pairsFrom(chars, 0), pairsFrom(chars, 1)].map((parts) => `(${parts.map(quoteLexeme).join(' & ')})`);
  return `(${cuts.join(' | ')})`;
}

/** Consecutive pairs starting at `offset`; characters left over at either end stand alone. */
function pairsFrom(chars: readonly string[], offset: number): string[] {
  const parts: string[] = chars.slice(0, offset);
  let i = offset;
  for (; i + 1 < chars.length; i += 2) parts.push(chars[i]! + chars[i + 1]!);
  if (i < chars.length) parts.push(chars[i]!);
  return parts;
}

/** Lexemes are quoted for tsvector and tsquery literals: a quote doubles, a backslash escapes. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** Whether a text matches a search the way the database does (used to quote the matching lines). */
export function textMatches(text: string, query: string): boolean {
  const { cjk, words } = splitText(query);
  if (cjk.length === 0 && words.length === 0) return false;
  const tokens = new Set(documentTokens(text));
  const cjkOk = cjk.every((run) => {
    const chars = [...run];
    if (chars.length <= 2) return tokens.has(run);
    return [pairsFrom(chars, 0), pairsFrom(chars, 1)].some((parts) => parts.every((p) => tokens.has(p)));
  });
  const wordsOk = words.every((w) => [...tokens].some((t) => t.startsWith(w)));
  return cjkOk && wordsOk;
}
