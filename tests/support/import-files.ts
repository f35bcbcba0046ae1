import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndicatorImportOptions } from '../../main/importers/indicators/import-indicators';
import { openStore, type Store } from '../../main/store/open-store';
import { resourcesDir, useTempDir } from './temp-dir';

/**
 * What an importer's test needs: a fresh store, and a file of given content to import into it,
 * each in a temporary folder of its own (removed after the test), so a test may make several of
 * either without one overwriting another.
 */
export function useImportFiles(): { tempDir: () => string; newStore: () => Store; file: (name: string, content: string | Buffer) => string } {
  const tempDir = useTempDir();
  return {
    tempDir,
    newStore: () => openStore(join(tempDir(), 'store.sqlite'), { resourcesDir }),
    file: (name, content) => {
      const path = join(tempDir(), name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** An indicator import that writes, is not strict and reports no progress, unless `extra` says otherwise. */
export const indicatorOptions = (extra: Partial<IndicatorImportOptions> = {}): IndicatorImportOptions => ({ dryRun: false, strict: false, progress: () => {}, ...extra });
