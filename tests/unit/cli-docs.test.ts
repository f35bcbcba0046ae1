import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../main/cli/commands';
import { builtFile } from '../support/built';
import { repoRoot } from '../support/temp-dir';

const doc = readFileSync(join(repoRoot, 'docs', 'cli.md'), 'utf8');

function help(...args: string[]): string {
  const result = spawnSync(process.execPath, [builtFile('main/cli.js'), ...args, '--help'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.trimEnd();
}

/** docs/cli.md's section per command: its `## grantlens NAME` heading and the first line of its first code block. */
function sections(): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of doc.matchAll(/^## grantlens ([a-z ]+)\n\n```text\n(.*)\n/gm)) found.set(match[1]!, match[2]!);
  return found;
}

describe('docs/cli.md', () => {
  it('shows `grantlens --help` as the CLI prints it', () => {
    expect(doc).toContain(`\`\`\`text\n${help()}\n\`\`\``);
  });

  it('has a section for every command, and none for a command that is not there, each headed by its --help synopsis', () => {
    const documented = sections();
    expect([...documented.keys()].sort()).toEqual(commands.map((command) => command.name).sort());
    for (const command of commands) {
      const synopsis = help(...command.name.split(' ')).split('\n')[0]!.replace(/^Usage: /, '').split(/ {3,}/)[0];
      expect(documented.get(command.name), command.name).toBe(synopsis);
    }
  });
});
