import { describe, expect, it } from 'vitest';
import { schemaObjects, useMigrationStore } from '../../support/migrations';

// 0007 holds the number for the evaluation module's tables (a sibling branch); it changes nothing,
// and a store passes through it unchanged.
const migration = useMigrationStore();

describe('migration 0007 (reserved)', () => {
  it('leaves the schema as 0006 made it', () => {
    const was = schemaObjects(migration.at(6));
    expect(schemaObjects(migration.at(7))).toEqual(was);
  });
});
