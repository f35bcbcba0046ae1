import type { ParseArgsConfig } from 'node:util';
import type { AppError } from '../contract/errors';
import type { Services } from '../services/services';

export class UsageError extends Error {}

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandInput {
  services: Services;
  /** The arguments after the command's words, as many as it names. */
  positionals: string[];
  values: OptionValues;
  /** Why the store did not open, for a command that runs on a damaged store; else undefined. */
  openError?: AppError;
}

/** One `grantlens <name>` command; its options are its own plus the global --db, --json and --help. */
export interface Command {
  /** One word, or a verb and its object (`import areas`): each pair is a command of its own, with its own options. */
  name: string;
  /** Lines for --help: the synopsis first, then what it does. */
  usage: string;
  /** Only these may be typed after the command; anything else is a usage error, never silently ignored. */
  options: OptionsConfig;
  /** What must follow the command's words, e.g. ['FILE']: no more, no fewer. */
  arguments: readonly string[];
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

/** A `--NAME YYYY-MM-DD` option; left out, undefined. */
export function dayOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`--${name} takes a date as YYYY-MM-DD, not "${String(value)}"`);
  return value;
}

export function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
