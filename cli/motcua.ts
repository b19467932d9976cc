import { Command } from 'commander';
import { registerCalendarCommands } from './commands/calendar';
import { registerStaffCommands } from './commands/staff';
import { registerOperationsCommands } from './commands/operations';

const program = new Command()
  .name('motcua')
  .description('motcua: the one-stop desk of civil judgment enforcement (THADS), from a terminal')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(`motcua: ${text}`) });

registerCalendarCommands(program);
registerStaffCommands(program);
registerOperationsCommands(program);

await program.parseAsync(process.argv);
