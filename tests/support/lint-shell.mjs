// npm run lint:shell: electronegativity over the shell (main/electron, the preload, and the page
// that carries the CSP). Fails on any finding above LOW that docs/security.md does not accept with
// a reason, on a file it could not parse (unchecked is not clean), and on an accepted finding that
// no longer occurs (so the list cannot go stale).
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import run from '@doyensec/electronegativity';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shell = ['main/electron', 'preload'];
const page = 'renderer/index.html';

/** Rows of the table under "## Accepted electronegativity findings": `| CHECK_ID | file | reason |`. */
export function acceptedFindings(markdown) {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Accepted electronegativity findings'));
  if (!section) return [];
  return section
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells.length >= 5 && /^[A-Z_]+_CHECK$/.test(cells[1].replace(/`/g, '')))
    .map((cells) => ({ id: cells[1].replace(/`/g, ''), file: cells[2].replace(/`/g, ''), reason: cells[3] }));
}

async function main() {
  const staged = mkdtempSync(join(tmpdir(), 'grantlens-shell-'));
  try {
    for (const folder of shell) {
      for (const file of readdirSync(join(root, folder)).filter((name) => name.endsWith('.ts'))) {
        cpSync(join(root, folder, file), join(staged, folder, file));
      }
    }
    cpSync(join(root, page), join(staged, page));
    const electron = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
    const result = await run({ input: staged, electronVersionOverride: electron, isRelative: true }, false);
    const accepted = acceptedFindings(readFileSync(join(root, 'docs', 'security.md'), 'utf8'));
    const problems = [];
    for (const error of result.errors) problems.push(`could not check ${relative(staged, error.file ?? '')}: ${error.message ?? error}`);
    const seen = new Set();
    for (const issue of result.issues) {
      if (issue.severity.value <= 1) continue;
      const file = issue.file === 'N/A' ? 'N/A' : issue.file.split('\\').join('/');
      const match = accepted.find((entry) => entry.id === issue.id && entry.file === file && entry.reason.length > 0);
      if (match) seen.add(`${match.id} ${match.file}`);
      else problems.push(`${issue.id} (${issue.severity.name}) at ${file}:${issue.location.line}: ${issue.description}`);
    }
    for (const entry of accepted) {
      if (!seen.has(`${entry.id} ${entry.file}`)) problems.push(`docs/security.md accepts ${entry.id} in ${entry.file}, which no longer occurs: remove it`);
    }
    if (problems.length > 0) {
      console.error(`electronegativity: ${problems.length} finding(s) above LOW\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    } else {
      console.log(`electronegativity: no finding above LOW (${accepted.length} accepted in docs/security.md)`);
    }
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
