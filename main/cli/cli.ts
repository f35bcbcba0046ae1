#!/usr/bin/env node
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mendsByRestore } from '../contract/calls';
import { AppError, serializeError } from '../contract/errors';
import { Services } from '../services/services';
import { resolveStorePath } from '../store/store-location';
import { UsageError, type Command, type OptionsConfig } from './command';
import { commands } from './commands';
import { commandHelp, globalOptions, usage } from './help';

// The bundle lives in out/main/, beside the parse worker's; shipped data (migrations, reference
// geography) in resources/.
const bundleDir = dirname(fileURLToPath(import.meta.url));
const resourcesDir = join(bundleDir, '..', '..', 'resources');
const parseWorkerFile = join(bundleDir, 'csv-parse-worker.js');

/** The command whose words start the positionals: `import areas` before a lone `import`. */
function findCommand(positionals: string[]): Command {
  const command = commands.find((candidate) => candidate.name.split(' ').every((word, i) => positionals[i] === word));
  if (command) return command;
  const [verb, object] = positionals;
  if (!verb) throw new UsageError('no command given');
  const objects = commands.filter((candidate) => candidate.name.startsWith(`${verb} `)).map((candidate) => candidate.name.slice(verb.length + 1));
  if (objects.length > 0) throw new UsageError(`${verb} what? ${objects.join(' or ')}, not "${object ?? ''}"`);
  throw new UsageError(`unknown command "${verb}"`);
}

async function run(argv: string[]): Promise<number> {
  // Parsed against every command's options at once, since the command is known only from the
  // positionals; then each typed option is checked against the command's own.
  const allOptions = Object.assign({}, ...commands.map((command) => command.options), globalOptions) as OptionsConfig;
  const { values: anyValues, positionals, tokens } = parseArgs({ args: argv, allowPositionals: true, options: allOptions, tokens: true });
  if (positionals[0] === 'help' || (anyValues.help && positionals.length === 0)) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const command = findCommand(positionals);
  if (anyValues.help) {
    process.stdout.write(`${commandHelp(command)}\n`);
    return 0;
  }
  const rest = positionals.slice(command.name.split(' ').length);
  if (rest.length > command.arguments.length) throw new UsageError(`unexpected argument "${rest[command.arguments.length]}"`);
  if (rest.length < command.arguments.length) throw new UsageError(`${command.name} needs a ${command.arguments[rest.length]}`);
  // Only the options typed count: defaults of other commands' options are in `anyValues` too.
  for (const option of new Set(tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : [])))) {
    if (!(option in globalOptions) && !(option in command.options)) {
      throw new UsageError(`--${option} is not an option of ${command.name}`);
    }
  }
  // Again by the command's own options alone: two commands may give one name different kinds
  // (`--indicator` once or repeated), and the merged list holds only the last of them.
  const { values } = parseArgs({ args: argv, allowPositionals: true, options: { ...command.options, ...globalOptions } as OptionsConfig });

  const services = new Services({ resourcesDir, parseWorkerFile });
  try {
    let openError: AppError | undefined;
    try {
      services.open(resolve(resolveStorePath(values.db as string | undefined)));
    } catch (error) {
      if (!command.runsOnDamagedStore || !(error instanceof AppError && mendsByRestore(error.code))) throw error;
      openError = error;
    }
    return await command.run({ services, positionals: rest, values, openError });
  } finally {
    services.close();
  }
}

function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    return 'better-sqlite3 is built for Electron, not for this Node.js: run `npm rebuild better-sqlite3` first';
  }
  return serializeError(error).message;
}

// A reader that stops early (`| head`) closes the pipe: what is left of the answer has nobody to go
// to, so the command ends as Unix tools do on SIGPIPE, without a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

// Otherwise never process.exit(): into a pipe, stdout is written asynchronously, and exiting would cut the
// output at whatever the pipe had taken (64 kB). Setting the code lets Node end once all is written.
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usageError = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`grantlens: ${explain(error)}${usageError ? ' (see grantlens --help)' : ''}\n`);
    process.exitCode = usageError ? 1 : 2;
  },
);
