/**
 * The one reader of files people hand the CLI: plans, metrics, interactions and survey exports,
 * retrospective answers. The size is checked before anything is read, so a wrong file (a database
 * dump) is never loaded into memory, and text is decoded strictly: files saved by Chinese Windows
 * editors are often GBK, and reading them loosely would turn every name into mojibake.
 */
import { readFile, stat } from 'node:fs/promises';

export type FileProblem =
  | { kind: 'missing' }
  | { kind: 'not-a-file' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'too-large'; bytes: number; limit: number }
  | { kind: 'not-utf8' };

export type TextFile = { ok: true; text: string } | { ok: false; problem: FileProblem };

export async function readTextFile(path: string, limitBytes: number): Promise<TextFile> {
  const fail = (problem: FileProblem): TextFile => ({ ok: false, problem });
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return fail({ kind: 'not-a-file' });
    size = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', reason: (error as Error).message });
  }
  if (size > limitBytes) return fail({ kind: 'too-large', bytes: size, limit: limitBytes });
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return fail({ kind: 'unreadable', reason: (error as Error).message });
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return fail({ kind: 'not-utf8' });
  }
}

export interface FileKind {
  /** What the limit is for, e.g. "an import". */
  what: string;
  /** What to do with a file over the limit. */
  whenTooLarge?: string;
}

/** A file problem as one sentence naming the file. */
export function fileProblemSentence(file: string, problem: FileProblem, kind: FileKind): string {
  switch (problem.kind) {
    case 'missing': return `Cannot read ${file}: there is no such file.`;
    case 'unreadable': return `Cannot read ${file}: ${problem.reason}.`;
    case 'not-a-file': return `${file} is not a file.`;
    case 'too-large':
      return `${file} is ${mebibytes(problem.bytes)} MiB; ${kind.what} takes at most ${mebibytes(problem.limit)} MiB.${kind.whenTooLarge ? ` ${kind.whenTooLarge}` : ''}`;
    case 'not-utf8':
      return `${file} is not UTF-8 text. Exports from Chinese Excel or WPS are often GBK: save the file as UTF-8 ("CSV UTF-8" in Excel) and try again.`;
  }
}

function mebibytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}
