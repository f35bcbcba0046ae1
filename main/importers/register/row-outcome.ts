import type { ImportField } from '../../contract/calls';
import type { Edit } from '../../domain/audit';
import type { fieldReaders } from './parse-fields';
import type { Geography } from './register-lookups';

export type Outcome = 'inserted' | 'updated' | 'unchanged';

/** One data row's cells by field; a field the mapping left out is absent, an empty cell is ''. */
export type RowFields = Partial<Record<ImportField, string>>;

export interface RowContext {
  read: ReturnType<typeof fieldReaders>;
  geography: Geography;
  edit: Edit;
  /** The import's day, for dates a file does not give. */
  today: string;
}

/** A present, non-empty cell; an empty one means "not given", never "clear it". */
export function given(fields: RowFields, field: ImportField): string | undefined {
  const text = fields[field]?.trim();
  return text === undefined || text === '' ? undefined : text;
}
