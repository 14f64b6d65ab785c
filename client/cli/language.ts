/**
 * The language this invocation speaks: `--lang`, then LANG (zh_CN.UTF-8 → zh-CN), else English.
 * It is chosen once, from the command line before it is parsed, because help texts, usage errors
 * and option parsers speak before any command runs.
 */
import type { Lang } from '../../domain/plan/validate.js';
import { localeSetting } from '../../platform/config.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import { languageFrom } from '../plan-file.js';

let chosen: Lang = 'en';

export function chooseLanguage(argv: readonly string[]): Lang {
  chosen = languageFrom(langArgument(argv), localeSetting());
  return chosen;
}

/** The value of the last `--lang x` or `--lang=x` before `--`. */
function langArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const arg = argv[i]!;
    if (arg === '--lang') found = argv[i + 1];
    else if (arg.startsWith('--lang=')) found = arg.slice('--lang='.length);
  }
  return found;
}

export function cliLanguage(): Lang {
  return chosen;
}

/** What this invocation says, in its language. */
export function say(): Messages {
  return messagesFor(chosen);
}
