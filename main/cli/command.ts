import type { ParseArgsConfig } from 'node:util';
import type { AppError } from '../contract/errors';
import type { Services } from '../services/services';

export class UsageError extends Error {}

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandInput {
  services: Services;
  /** Arguments after the command's name. */
  positionals: string[];
  values: OptionValues;
  /** Why the store did not open, for a command that runs on a damaged store; else undefined. */
  openError?: AppError;
}

/** One `grantlens <name>` command; its options are its own plus the global --db, --json and --help. */
export interface Command {
  name: string;
  /** Lines for --help: the synopsis first, then what it does. */
  usage: string;
  options: OptionsConfig;
  /** How many arguments may follow the command's name (`import applications FILE` takes two). */
  positionals: number;
  /**
   * Restore and verify are what a damaged store needs: they run when the store does not open as
   * damaged or unreadable, with the reason in `openError`.
   */
  runsOnDamagedStore?: boolean;
  /** Resolves to the exit code: 0 ok, 2 when the data had problems (usage errors throw UsageError). */
  run(input: CommandInput): Promise<number>;
}

export function integerOption(values: OptionValues, name: string): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not "${String(value)}"`);
  return Number(value);
}

export function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
