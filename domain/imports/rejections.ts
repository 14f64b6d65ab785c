/**
 * What an import says about the lines it did not take. A 50 MiB file can be nothing but bad lines
 * and the answer goes back over HTTP and into a terminal, so it stays the same size whatever the
 * file: the first problems by line (each field name and message clipped), how many problems and
 * lines there were in all, and per field how many, from which line, with the first one's message.
 */

export interface RejectedLine {
  line: number;
  /** The column or field at fault; null when the line as a whole is unreadable. */
  field: string | null;
  message: string;
}

/** At most this many problems are listed; the counts and reasons cover the rest. */
export const MAX_LISTED_REJECTIONS = 1_000;
/** A message quoting a long value keeps its start (what is wrong) and its end (the fix). */
export const MAX_MESSAGE_LENGTH = 400;
/** An unknown NDJSON key can be as long as its line. */
export const MAX_FIELD_LENGTH = 100;

/** `field`: a value of one of the kind's fields (or its column); `unknown-field`: a field the kind does not have; `line`: the line as a whole. */
export type RejectionKind = 'field' | 'unknown-field' | 'line';

export interface RejectionReason {
  kind: RejectionKind;
  /** The field, for kind `field`; null for the others (their messages name what they are about). */
  field: string | null;
  count: number;
  firstLine: number;
  /** The message of the first problem of this kind. */
  example: string;
}

/** The part of every import report that is about rejected lines. */
export interface RejectionReport {
  /** The first problems by line, at most MAX_LISTED_REJECTIONS of them. */
  rejected: RejectedLine[];
  /** Every problem, listed or not. */
  rejectedTotal: number;
  /** Lines with at least one problem; none of them was imported. */
  rejectedLines: number;
  /** Problems per kind and field, the most frequent first. */
  rejectedReasons: RejectionReason[];
}

/**
 * Counts problems as they are found and keeps only the first ones. Problems arrive line by line
 * (a line's problems together), which is how lines are counted without remembering them.
 */
export class RejectionTally {
  readonly #listed: RejectedLine[] = [];
  readonly #reasons = new Map<string, RejectionReason>();
  #total = 0;
  #lines = 0;
  #lastLine: number | undefined;

  /**
   * `fieldOf` names the kind's field a column or key stands for (aliases and case included), or
   * undefined for one the kind does not have; without it every named field is the kind's own
   * (problems found while storing rows that passed their checks).
   */
  constructor(private readonly fieldOf: (name: string) => string | undefined = (name) => name) {}

  add(...problems: RejectedLine[]): void {
    for (const problem of problems) {
      this.#total++;
      if (problem.line !== this.#lastLine) {
        this.#lines++;
        this.#lastLine = problem.line;
      }
      const shown = clipped(problem);
      if (this.#listed.length < MAX_LISTED_REJECTIONS) this.#listed.push(shown);
      this.#count(shown);
    }
  }

  report(): RejectionReport {
    return {
      rejected: [...this.#listed].sort(byLine),
      rejectedTotal: this.#total,
      rejectedLines: this.#lines,
      rejectedReasons: sortedReasons(this.#reasons.values()),
    };
  }

  #count(problem: RejectedLine): void {
    const field = problem.field === null ? undefined : this.fieldOf(problem.field);
    const kind: RejectionKind = problem.field === null ? 'line' : field === undefined ? 'unknown-field' : 'field';
    const key = `${kind}:${field ?? ''}`;
    const reason = this.#reasons.get(key);
    if (reason) reason.count++;
    else this.#reasons.set(key, { kind, field: field ?? null, count: 1, firstLine: problem.line, example: problem.message });
  }
}

/** The reports of several steps of one import (checking, then storing): the first problems of all by line, every count added. */
export function mergeRejections(...parts: readonly RejectionReport[]): RejectionReport {
  const reasons = new Map<string, RejectionReason>();
  for (const reason of parts.flatMap((p) => p.rejectedReasons)) {
    const key = `${reason.kind}:${reason.field ?? ''}`;
    const known = reasons.get(key);
    if (!known) reasons.set(key, { ...reason });
    else {
      const earlier = known.firstLine <= reason.firstLine ? known : reason;
      reasons.set(key, { ...earlier, count: known.count + reason.count });
    }
  }
  return {
    rejected: parts.flatMap((p) => p.rejected).sort(byLine).slice(0, MAX_LISTED_REJECTIONS),
    rejectedTotal: parts.reduce((n, p) => n + p.rejectedTotal, 0),
    // A row refused when stored passed every check, so no line is counted by two steps.
    rejectedLines: parts.reduce((n, p) => n + p.rejectedLines, 0),
    rejectedReasons: sortedReasons(reasons.values()),
  };
}

const byLine = (a: RejectedLine, b: RejectedLine) => a.line - b.line;

function sortedReasons(reasons: Iterable<RejectionReason>): RejectionReason[] {
  return [...reasons].sort((a, b) => b.count - a.count || a.firstLine - b.firstLine);
}

function clipped(problem: RejectedLine): RejectedLine {
  return {
    line: problem.line,
    field: problem.field === null ? null : clip(problem.field, MAX_FIELD_LENGTH),
    message: clip(problem.message, MAX_MESSAGE_LENGTH),
  };
}

/** The start and the end of a long text around an ellipsis, never splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 3) / 2);
  let head = text.slice(0, half);
  let tail = text.slice(text.length - half);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  if (/^[\udc00-\udfff]/.test(tail)) tail = tail.slice(1);
  return `${head} … ${tail}`;
}
