/**
 * Commander's usage errors (a missing argument, an unknown option, a value not allowed) in the
 * reader's language. Commander words them in English only, so they are recognised by error code
 * and the names in them are taken from its message.
 */
import type { CommanderError } from 'commander';
import type { Messages } from '../i18n/messages.js';

export function usageSentence(err: CommanderError, m: Messages): string {
  const u = m.errors.usage;
  const text = err.message.replace(/^error: /, '');
  const [first = '', ...rest] = text.split('\n');
  const similar = /Did you mean (?:one of )?(.+)\?/.exec(rest.join(' '))?.[1];
  const suggestion = similar ? u.didYouMean(similar) : '';
  const match = (re: RegExp) => re.exec(first)?.slice(1) ?? [];
  let sentence: string | undefined;
  switch (err.code) {
    case 'commander.missingArgument': { const [name] = match(/argument '([^']+)'/); if (name) sentence = u.missingArgument(name); break; }
    case 'commander.optionMissingArgument': { const [flag] = match(/option '([^']+)'/); if (flag) sentence = u.missingOptionValue(flag); break; }
    case 'commander.missingMandatoryOptionValue': { const [flag] = match(/option '([^']+)'/); if (flag) sentence = u.missingMandatoryOption(flag); break; }
    case 'commander.unknownOption': { const [flag] = match(/option '([^']+)'/); if (flag) sentence = u.unknownOption(flag); break; }
    case 'commander.unknownCommand': { const [name] = match(/command '([^']+)'/); if (name) sentence = u.unknownCommand(name); break; }
    case 'commander.excessArguments': {
      const [expected, got] = match(/Expected (\d+) arguments? but got (\d+)/);
      if (expected && got) sentence = u.excessArguments(Number(expected), Number(got));
      break;
    }
    case 'commander.invalidArgument': sentence = invalidValue(first, m); break;
  }
  if (sentence === undefined) return text;
  return suggestion ? `${sentence} ${suggestion}` : sentence;
}

/** `option '--x <v>' argument 'y' is invalid. <why>` or `command-argument value 'y' is invalid for argument 'z'. <why>`. */
function invalidValue(first: string, m: Messages): string | undefined {
  const option = /option '([^']+)' argument '([^']*)' is invalid\.\s*(.*)/.exec(first);
  const argument = /command-argument value '([^']*)' is invalid for argument '([^']+)'\.\s*(.*)/.exec(first);
  const [what, value, why] = option ? [option[1]!, option[2]!, option[3]!] : argument ? [`<${argument[2]!}>`, argument[1]!, argument[3]!] : [];
  if (what === undefined) return undefined;
  const choices = /^Allowed choices are (.*)\.$/.exec(why!);
  return m.errors.usage.invalidValue(what, value!, choices ? m.errors.usage.notAllowed(choices[1]!) : why!);
}
