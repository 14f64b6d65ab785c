/**
 * How positive or negative a comment is (P2.8–P2.10), from −1 to 1, for Chinese and English.
 *
 * A lexicon scorer in the manner of VADER (Hutto and Gilbert, 2014): known words and emoji carry a
 * weight; a negator shortly before a word turns it (不喜欢, not good), an intensifier scales it (很,
 * very; 有点, a bit), and after "but" (但是, 不过) the writer's real view counts more. Chinese text is
 * split by longest match against the lexicon, so 不错 (praise) is read whole and never as 不 + 错.
 * The sum is squashed into (−1, 1) by x / √(x² + 6): one plain word gives about ±0.5, several strong
 * ones approach ±1.
 *
 * Its limits are those of every lexicon scorer, and it is meant only to count complaints for a
 * crisis warning, never to judge a single comment for a person:
 * - sarcasm and irony read literally (真是"好"服务 scores as praise);
 * - only words in the lexicon count; new slang, product-specific complaints (漏液) and typos are
 *   neutral until added;
 * - negation looks back three tokens within a clause; long-range or double negation is missed;
 * - no grammar: "I'd like a refund" counts "like" (and "refund");
 * - languages other than Chinese and English score 0.
 */
import {
  CHINESE_CONTRASTS, CHINESE_INTENSIFIERS, CHINESE_NEGATORS, CHINESE_NEUTRAL, CHINESE_TERMS, EMOJI_TERMS,
  ENGLISH_CONTRASTS, ENGLISH_INTENSIFIERS, ENGLISH_NEGATORS, ENGLISH_TERMS,
} from './lexicon.js';

export interface SentimentTerm {
  term: string;
  /** The weight it contributed, after negation, intensifiers and contrast. */
  weight: number;
}

export interface Sentiment {
  /** −1 (hostile) … 0 (neutral or unknown) … 1 (delighted). */
  score: number;
  terms: SentimentTerm[];
}

type Token =
  | { kind: 'term'; text: string; weight: number; factor?: number }
  | { kind: 'negator' | 'contrast' | 'break' | 'other'; text: string }
  | { kind: 'intensifier'; text: string; factor: number };

const LOOK_BACK = 3;
const SQUASH = 6;
// Turning praise around ("not good") makes a complaint, but denying a complaint ("not bad") is faint praise.
const NEGATED_PRAISE = -0.75;
const NEGATED_COMPLAINT = -0.5;
// "Not very good" is milder than "not good": a negator before an intensifier softens instead.
const NEGATED_INTENSIFIED = -0.4;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;

export function sentimentScore(text: string): number {
  return analyseSentiment(text).score;
}

export function analyseSentiment(text: string): Sentiment {
  const tokens = tokenize(text.normalize('NFKC'));
  const lastContrast = tokens.reduce((last, t, i) => (t.kind === 'contrast' ? i : last), -1);
  const terms: SentimentTerm[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== 'term') return;
    let weight = modified(token.weight, modifiersBefore(tokens, i));
    if (lastContrast !== -1) weight *= i < lastContrast ? BEFORE_CONTRAST : AFTER_CONTRAST;
    terms.push({ term: token.text, weight: Math.round(weight * 1000) / 1000 });
  });
  const exclamations = Math.min(3, (text.match(/[!！]/gu) ?? []).length);
  // Exclamation marks add emphasis, as VADER found, but only the first few.
  const sum = terms.reduce((total, t) => total + t.weight, 0) * (1 + 0.1 * exclamations);
  const score = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + SQUASH)));
  return { score: Math.round(score * 1000) / 1000 || 0, terms };
}

/** Negators and intensifiers shortly before a term, nearest last, stopping at a clause or another term. */
function modifiersBefore(tokens: readonly Token[], index: number): Token[] {
  const found: Token[] = [];
  for (let j = index - 1; j >= 0 && j >= index - LOOK_BACK; j--) {
    const token = tokens[j]!;
    if (token.kind === 'break' || token.kind === 'contrast' || token.kind === 'term') break;
    if (token.kind === 'negator' || token.kind === 'intensifier') found.unshift(token);
  }
  return found;
}

function modified(weight: number, modifiers: readonly Token[]): number {
  let intensity = 1;
  let negations = 0;
  let softened = false;
  for (const token of modifiers) {
    if (token.kind === 'negator') negations++;
    if (token.kind === 'intensifier') {
      if (negations % 2 === 1) softened = true;
      else intensity *= token.factor;
    }
  }
  if (negations % 2 === 0) return weight * intensity;
  if (softened) return weight * NEGATED_INTENSIFIED;
  return weight * intensity * (weight > 0 ? NEGATED_PRAISE : NEGATED_COMPLAINT);
}

const CHINESE_WORDS = new Map<string, Token>();
for (const word of CHINESE_NEUTRAL) CHINESE_WORDS.set(word, { kind: 'other', text: word });
for (const word of CHINESE_NEGATORS) CHINESE_WORDS.set(word, { kind: 'negator', text: word });
for (const word of CHINESE_CONTRASTS) CHINESE_WORDS.set(word, { kind: 'contrast', text: word });
for (const [word, factor] of Object.entries(CHINESE_INTENSIFIERS)) CHINESE_WORDS.set(word, { kind: 'intensifier', text: word, factor });
// A word that is both (好: good, and 好贵: so expensive) stays a term; tokenize decides by what follows.
for (const [word, weight] of Object.entries(CHINESE_TERMS)) {
  const factor = CHINESE_INTENSIFIERS[word];
  CHINESE_WORDS.set(word, factor === undefined ? { kind: 'term', text: word, weight } : { kind: 'term', text: word, weight, factor });
}
const LONGEST_WORD = Math.max(...[...CHINESE_WORDS.keys()].map((word) => [...word].length));

const HAN = /\p{Script=Han}/u;
const WORD = /^[\p{Script=Latin}\p{Nd}'’]+/u;
const BREAK = /[。！？!?，,；;.…~\n\r\t：:、]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
// Variation selectors, skin tones and joiners that follow an emoji and do not change its meaning here.
const EMOJI_TAIL = /^(?:\u{FE0E}|\u{FE0F}|\p{Emoji_Modifier}|\u{200D})+/u;

function tokenize(text: string): Token[] {
  const chars = [...text];
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    if (HAN.test(ch)) {
      const token = longestChineseWord(chars, i);
      tokens.push(token);
      i += [...token.text].length;
      continue;
    }
    const word = WORD.exec(chars.slice(i, i + 64).join(''));
    if (word) {
      tokens.push(englishToken(word[0].toLowerCase().replace(/’/gu, "'")));
      i += [...word[0]].length;
      continue;
    }
    if (PICTOGRAPH.test(ch)) {
      const weight = EMOJI_TERMS[ch];
      tokens.push(weight === undefined ? { kind: 'other', text: ch } : { kind: 'term', text: ch, weight });
      const tail = EMOJI_TAIL.exec(chars.slice(i + 1, i + 9).join(''));
      i += 1 + (tail ? [...tail[0]].length : 0);
      continue;
    }
    if (BREAK.test(ch)) tokens.push({ kind: 'break', text: ch });
    i++;
  }
  return resolveIntensifyingTerms(tokens);
}

function longestChineseWord(chars: readonly string[], start: number): Token {
  for (let length = Math.min(LONGEST_WORD, chars.length - start); length > 1; length--) {
    const token = CHINESE_WORDS.get(chars.slice(start, start + length).join(''));
    if (token) return token;
  }
  return CHINESE_WORDS.get(chars[start]!) ?? { kind: 'other', text: chars[start]! };
}

function englishToken(word: string): Token {
  if (ENGLISH_NEGATORS.has(word) || word.endsWith("n't") || word === 'cannot') return { kind: 'negator', text: word };
  if (ENGLISH_CONTRASTS.has(word)) return { kind: 'contrast', text: word };
  const factor = ENGLISH_INTENSIFIERS[word];
  if (factor !== undefined) return { kind: 'intensifier', text: word, factor };
  const weight = ENGLISH_TERMS[word];
  return weight === undefined ? { kind: 'other', text: word } : { kind: 'term', text: word, weight };
}

/** 好 before another term is "so" (好贵, 好好喝), not "good". */
function resolveIntensifyingTerms(tokens: Token[]): Token[] {
  return tokens.map((token, i) => {
    if (token.kind !== 'term' || token.factor === undefined) return token;
    return tokens[i + 1]?.kind === 'term' ? { kind: 'intensifier', text: token.text, factor: token.factor } : token;
  });
}
