import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellLanguage, shellTexts } from '../../main/electron/shell-text';
import { repoRoot } from '../support/temp-dir';

describe('the words of native dialogs and the menu', () => {
  it('follow the first language the OS prefers that the shell speaks, else Swedish', () => {
    expect(shellLanguage(['sv-SE', 'en-US'])).toBe('sv');
    expect(shellLanguage(['en-GB', 'sv-SE'])).toBe('en');
    expect(shellLanguage(['de-DE', 'en_US'])).toBe('en');
    expect(shellLanguage(['fi-FI'])).toBe('sv');
    expect(shellLanguage([])).toBe('sv');
  });

  it('have a reason for each way a store is refused, in both languages', () => {
    for (const text of Object.values(shellTexts)) {
      expect(Object.keys(text.refusals).sort()).toEqual(['MIGRATION_MISMATCH', 'STORE_FOREIGN', 'STORE_NEWER']);
    }
  });

  it('are the only words the Electron shell writes itself: no Swedish anywhere else in main/electron', () => {
    const dir = join(repoRoot, 'main', 'electron');
    const swedish = readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && file !== 'shell-text.ts')
      .filter((file) => /[åäöÅÄÖ]/.test(readFileSync(join(dir, file), 'utf8')));
    expect(swedish).toEqual([]);
  });
});
