import { spawn, spawnSync } from 'node:child_process';
import { builtFile } from './built';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const env = { ...process.env, GRANTLENS_DB: '' };

/** Runs the built `grantlens` in a child process of its own, as a user's shell would. */
export function grantlensSync(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [builtFile('main/cli.js'), ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking this process: for several processes on one store at once. */
export function grantlensAsync(...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtFile('main/cli.js'), ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
