/**
 * The `campaign` command (package.json `bin`): the commands people use (client/cli) and the
 * processes that run workflow code (`worker`, `dev`, `repair`), which belong to workers/.
 */
import { createProgram, registerCommands, runProgram } from '../../client/cli/program.js';
import { devCommand, workerCommand } from './process-commands.js';
import { repairCommand } from './repair-command.js';

const program = registerCommands(createProgram());
for (const make of [workerCommand, devCommand, repairCommand]) program.addCommand(make());
await runProgram(program, process.argv);
