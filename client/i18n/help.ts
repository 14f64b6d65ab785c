/**
 * Help texts in the reader's language. Commands are written with their English descriptions; for
 * another language the whole command tree is given that language's texts once it is built, keyed
 * by command path ("task done") and argument name or long option flag. test/client/help-texts
 * fails when a command, argument or option has no translation.
 */
import { Help, type Command } from 'commander';
import type { Lang } from '../../domain/plan/validate.js';
import { zhCNHelp } from './help-zh-CN.js';

export interface CommandHelp {
  description: string;
  arguments?: Record<string, string>;
  options?: Record<string, string>;
}

/** Texts by command path ('' for `campaign` itself), plus commander's own words. */
export interface HelpTexts {
  commands: Record<string, CommandHelp>;
  titles: Record<string, string>;
  helpOption: string;
  helpCommand: string;
  /** Commander's "(default: …)" and "(choices: …)" notes. */
  notes: { default: string; choices: string };
}

const HELP: Partial<Record<Lang, HelpTexts>> = { 'zh-CN': zhCNHelp };

export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Every command under `program`, itself included. */
export function commandTree(program: Command): Command[] {
  return [program, ...program.commands.flatMap((c) => commandTree(c))];
}

/**
 * Gives every command in the tree its help in `lang` (English stays as written), and lists the
 * global options (--json, --lang, --api) in every command's help, since every command takes them.
 */
export function localizeHelp(program: Command, lang: Lang): void {
  const texts = HELP[lang];
  for (const cmd of commandTree(program)) {
    if (!texts) {
      cmd.configureHelp({ showGlobalOptions: true });
      continue;
    }
    const help = texts.commands[commandPath(cmd)];
    if (help) {
      cmd.description(help.description);
      for (const arg of cmd.registeredArguments) arg.description = help.arguments?.[arg.name()] ?? arg.description;
      for (const opt of cmd.options) if (opt.long) opt.description = help.options?.[opt.long] ?? opt.description;
    }
    cmd.helpOption('-h, --help', texts.helpOption);
    if (cmd.commands.length > 0) cmd.helpCommand('help [command]', texts.helpCommand);
    cmd.configureHelp({
      showGlobalOptions: true,
      styleTitle: (title) => texts.titles[title] ?? title,
      optionDescription(option) { return notes(Help.prototype.optionDescription.call(this, option), texts); },
      argumentDescription(argument) { return notes(Help.prototype.argumentDescription.call(this, argument), texts); },
    });
  }
}

function notes(text: string, texts: HelpTexts): string {
  return text.replace(/\(default: /g, `(${texts.notes.default}`).replace(/\(choices: /g, `(${texts.notes.choices}`);
}
