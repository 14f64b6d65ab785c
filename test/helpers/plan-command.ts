/**
 * Runs `campaign plan …` in this process, as a user would type it, and captures what it prints:
 * `output.stdout` / `output.stderr` after each `run`.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, vi } from 'vitest';
import { planCommand } from '../../client/cli/plan-commands.js';

export const repo = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));
export const SPRING_TEA = repo('examples/spring-tea.zh.yaml');
export const WEBINAR = repo('examples/b2b-webinar.en.yaml');

export const output = { stdout: '', stderr: '' };

/** Registers the capture around each test of the file that calls it. */
export function capturePlanCommandOutput(): void {
  beforeEach(() => {
    output.stdout = '';
    output.stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { output.stdout += String(chunk); return true; });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { output.stderr += String(chunk); return true; });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
}

/** The exit code the command set (undefined: it set none). */
export async function run(args: string[], lang: 'en' | 'zh-CN' = 'en'): Promise<number | undefined> {
  process.exitCode = undefined;
  await planCommand({ lang: () => lang }).parseAsync(args, { from: 'user' });
  const code = process.exitCode as number | undefined;
  process.exitCode = undefined;
  return code;
}
