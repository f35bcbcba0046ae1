import { describe, expect, it } from 'vitest';
import { rowsOf, useMigrationStore } from '../../support/migrations';

const migrations = useMigrationStore();

describe('migration 0010', () => {
  it('keeps every indicator as it was, each with its name, and refuses a flag that is neither 0 nor 1', () => {
    const before = migrations.at(9);
    before
      .prepare("INSERT INTO indicators (code, name_sv, name_en, unit, source, higher_is_better) VALUES ('EGEN', 'Egen', 'Own', '%', 'Kommunen', 1)")
      .run();
    const indicators = rowsOf(before, 'indicators', 'code');

    const after = migrations.at(10);
    expect(rowsOf(after, 'indicators', 'code')).toEqual(indicators.map((row) => ({ ...(row as object), name_missing: 0 })));
    expect(() => after.prepare("UPDATE indicators SET name_missing = 2 WHERE code = 'EGEN'").run()).toThrow(/CHECK/);
  });
});
