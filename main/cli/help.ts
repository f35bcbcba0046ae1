import type { Command, OptionsConfig } from './command';
import { commands } from './commands';

export const globalOptions: OptionsConfig = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
};

const globalOptionsHelp = `Options:
  --db FILE   the store to use; a file that does not exist yet becomes a new, empty store.
              Without --db: $GRANTLENS_DB, else the store in the user-data folder.
  --json      print the result as JSON
  --help      this text

Exit codes: 0 ok, 1 usage error, 2 data error.`;

/** `grantlens --help`: every command. docs/cli.md holds this text and each command's, checked by a test. */
export const usage = `Usage: grantlens <command> [options]

Commands:
${commands.map((command) => `  ${command.usage.replace(/\n/g, '\n  ')}`).join('\n')}

${globalOptionsHelp}`;

/** `grantlens COMMAND --help`: that command only. */
export function commandHelp(command: Command): string {
  return `Usage: grantlens ${command.usage}\n\n${globalOptionsHelp}`;
}
