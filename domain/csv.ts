/**
 * CSV as spreadsheets and export tools write it (RFC 4180): commas between fields, double quotes
 * around fields that hold commas, quotes or line breaks, `""` for a quote inside one, LF or CRLF
 * between records. Each record keeps the line it starts on: the line a person finds in an editor.
 */

export type CsvItem =
  | { line: number; values: string[] }
  /** A quote that never closes swallows the rest of the file; reading stops there. */
  | { line: number; unclosedQuote: true };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;

/** Records one at a time, so a large file is never held twice in memory. */
export function* csvRecords(text: string): Generator<CsvItem> {
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const startLine = line;
    const values: string[] = [];
    for (;;) {
      let value: string;
      let j = i;
      while (text.charCodeAt(j) === SPACE) j++;
      if (text.charCodeAt(j) === QUOTE) {
        const quoted = quotedValue(text, j + 1);
        if (!quoted) {
          yield { line: startLine, unclosedQuote: true };
          return;
        }
        line += quoted.lineBreaks;
        // Anything between the closing quote and the next comma is kept, as spreadsheets do.
        const end = fieldEnd(text, quoted.next);
        value = quoted.value + text.slice(quoted.next, end);
        i = end;
      } else {
        const end = fieldEnd(text, i);
        value = text.slice(i, end);
        i = end;
      }
      values.push(value);
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR || c === LF) {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
      }
      break;
    }
    yield { line: startLine, values };
  }
}

function fieldEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) return i;
  }
  return text.length;
}

/** The value of a quoted field whose opening quote is just before `from`; undefined when it never closes. */
function quotedValue(text: string, from: number): { value: string; next: number; lineBreaks: number } | undefined {
  let value = '';
  let at = from;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return undefined;
    value += text.slice(at, quote);
    if (text.charCodeAt(quote + 1) === QUOTE) {
      value += '"';
      at = quote + 2;
    } else {
      return { value, next: quote + 1, lineBreaks: lineBreaks(value) };
    }
  }
}

function lineBreaks(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === LF || (c === CR && value.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}
