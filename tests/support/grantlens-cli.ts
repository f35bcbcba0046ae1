import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  return grantlensChild([], args);
}

/**
 * The same, with the child's peak resident memory in bytes (getrusage's, as a hook loaded into it
 * reads it on exit: every thread of the process; null where it died before) and how long it took;
 * `nodeOptions` go to node before the script, such as a heap limit.
 */
export async function grantlensMeasured(nodeOptions: string[], ...args: string[]): Promise<CliResult & { peakRssBytes: number | null; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'grantlens-rss-'));
  const rssFile = join(dir, 'peak');
  try {
    const started = performance.now();
    const result = await grantlensChild(['--require', join(import.meta.dirname, 'peak-rss-hook.cjs'), ...nodeOptions], args, { GRANTLENS_PEAK_RSS_FILE: rssFile });
    const seconds = (performance.now() - started) / 1000;
    const peakRssBytes = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) * 1024 : null;
    return { ...result, peakRssBytes, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function grantlensChild(nodeOptions: string[], args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, builtFile('main/cli.js'), ...args], { env: { ...env, ...extraEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
