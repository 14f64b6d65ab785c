/**
 * Every command's help exists in Chinese: a command, argument or option added without its
 * translation in client/i18n/help-zh-CN.ts fails here, before a zh-CN reader meets English.
 */
import { describe, expect, it } from 'vitest';
import { createProgram, registerCommands } from '../../client/cli/program.js';
import { commandPath, commandTree } from '../../client/i18n/help.js';
import { zhCNHelp } from '../../client/i18n/help-zh-CN.js';
import { devCommand, workerCommand } from '../../workers/cli/process-commands.js';
import { repairCommand } from '../../workers/cli/repair-command.js';
import { currentForm } from '../../client/cli/legacy-forms.js';

function fullProgram() {
  const program = registerCommands(createProgram());
  for (const make of [workerCommand, devCommand, repairCommand]) program.addCommand(make());
  return program;
}

describe('help in Chinese', () => {
  it('has a text for every command, argument and visible option', () => {
    const missing: string[] = [];
    for (const cmd of commandTree(fullProgram())) {
      const path = commandPath(cmd);
      const help = zhCNHelp.commands[path];
      if (!help) { missing.push(`${path || '(campaign)'}`); continue; }
      for (const arg of cmd.registeredArguments) if (!help.arguments?.[arg.name()]) missing.push(`${path} <${arg.name()}>`);
      for (const opt of cmd.options) if (!opt.hidden && opt.long && !help.options?.[opt.long]) missing.push(`${path} ${opt.long}`);
    }
    expect(missing).toEqual([]);
  });

  it('names no requirement ids in any help text', () => {
    for (const cmd of commandTree(fullProgram())) expect(cmd.description()).not.toMatch(/\(P\d|P\d\.\d/);
  });
});

describe('old command forms', () => {
  const argv = (...args: string[]) => ['node', 'campaign', ...args];
  it('puts the verb before the campaign id, as every command has it now', () => {
    expect(currentForm(argv('pilot', 'spring', 'go', '--as', 'li.na'))).toEqual(argv('pilot', 'go', 'spring', '--as', 'li.na'));
    expect(currentForm(argv('--json', 'crisis', 'spring', 'end'))).toEqual(argv('--json', 'crisis', 'end', 'spring'));
    expect(currentForm(argv('step', 'spring', 'budget:initial:douyin', 'skip'))).toEqual(argv('step', 'skip', 'spring', 'budget:initial:douyin'));
  });
  it('leaves the current forms, and anything it does not recognise, as typed', () => {
    for (const typed of [argv('pilot', 'go', 'spring'), argv('step', 'retry', 'spring', 'x'), argv('status', 'pilot'), argv('pilot', 'spring', 'maybe')]) {
      expect(currentForm(typed)).toEqual(typed);
    }
  });
});
