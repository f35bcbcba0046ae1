import { AppError } from '../../contract/errors';
import type { JsonStatCells } from './jsonstat-cells';
import type { RawValue, ValueFields, ValueTarget } from './value-checker';

interface Category {
  index?: Record<string, number> | string[];
  label?: Record<string, string>;
  unit?: Record<string, { label?: unknown; base?: unknown }>;
}

interface Dataset {
  class?: unknown;
  source?: unknown;
  id?: unknown;
  size?: unknown;
  role?: { time?: string[]; geo?: string[]; metric?: string[] };
  dimension?: Record<string, { category?: Category }>;
}

type Role = 'indicator' | 'geo' | 'period' | 'sex';

/** A dimension's label for each code, when it gives them: a region's name, an indicator's. */
function categoryLabels(category: Category | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  for (const [code, label] of Object.entries(category?.label ?? {})) if (typeof label === 'string' && label.trim() !== '') labels.set(code, label.trim());
  return labels;
}

/** Each indicator's label and unit, as PxWeb gives them (`unit.label`, or JSON-stat's `unit.base`), should the import define it. */
function offerIndicators(checker: Pick<ValueTarget, 'offer'>, category: Category | undefined, source: string | null): void {
  for (const [code, name] of categoryLabels(category)) {
    const unit = category?.unit?.[code];
    const unitName = typeof unit?.label === 'string' ? unit.label : typeof unit?.base === 'string' ? unit.base : '';
    checker.offer(code, { name, unit: unitName, source });
  }
}

/** The category codes of a dimension in index order; a dimension with one category may give only labels. */
function categoryCodes(category: Category | undefined): string[] {
  const index = category?.index;
  if (Array.isArray(index)) return index;
  if (index) {
    const codes: string[] = [];
    for (const [code, position] of Object.entries(index)) codes[position] = code;
    return codes;
  }
  return Object.keys(category?.label ?? {});
}

/** Which dimension plays which part: the dataset's roles first, then SCB's usual ids. */
function roleOf(id: string, roles: Dataset['role']): Role | null {
  if (roles?.metric?.includes(id) || id === 'ContentsCode') return 'indicator';
  if (roles?.geo?.includes(id) || id === 'Region') return 'geo';
  if (roles?.time?.includes(id) || id === 'Tid') return 'period';
  if (/^(k[oö]n|sex|gender)$/i.test(id)) return 'sex';
  return null;
}

/**
 * A JSON-stat 2.0 dataset as SCB's PxWeb returns it: values row-major over the dimensions in `id`
 * order with the sizes in `size`, so the last dimension varies fastest. A cell whose status is `..`
 * (or whose value is null) is missing. Rows in rejects are the cell's flat index. `dataset` holds
 * the members other than `value` and `status`, whose cells, read as the file streamed by, are in
 * `cells`; `hasValues` says whether the file had a `value` array or object at all.
 *
 * The jsonstat-toolkit package was considered: it reads the same document into memory and answers
 * the same index arithmetic, which is all this needs, without types and with few users; the
 * arithmetic below is the specification's own formula.
 */
export function putJsonStatValues(
  checker: Pick<ValueTarget, 'put' | 'offer'>,
  document: Record<string, unknown>,
  cells: JsonStatCells,
  hasValues: boolean,
  progress: (done: number, total: number) => void,
): void {
  const dataset = document as Dataset;
  const ids = dataset?.id;
  const sizes = dataset?.size;
  if (
    dataset?.class !== 'dataset' ||
    !Array.isArray(ids) ||
    !Array.isArray(sizes) ||
    ids.length !== sizes.length ||
    !dataset.dimension ||
    !hasValues
  ) {
    throw new AppError('INVALID_ARGUMENT', 'Not a JSON-stat 2.0 dataset: it needs class "dataset", id, size, dimension and value.');
  }
  const dimensions = (ids as string[]).map((id, position) => {
    const codes = categoryCodes(dataset.dimension?.[id]?.category);
    if (codes.length !== sizes[position]) {
      throw new AppError('INVALID_ARGUMENT', `JSON-stat dimension "${id}" has ${codes.length} categories but size ${String(sizes[position])}.`);
    }
    return { id, codes, role: roleOf(id, dataset.role) };
  });
  for (const dimension of dimensions) {
    if (dimension.role === null && dimension.codes.length > 1) {
      throw new AppError('INVALID_ARGUMENT', `JSON-stat dimension "${dimension.id}" has several categories and is not an indicator, region, year or sex; select one category of it in PxWeb.`);
    }
  }
  const position = (role: Role) => dimensions.findIndex((dimension) => dimension.role === role);
  const missing = (['indicator', 'geo', 'period'] as const).filter((role) => position(role) < 0);
  if (missing.length > 0) throw new AppError('INVALID_ARGUMENT', `JSON-stat dataset has no ${missing.join(', ')} dimension.`);
  const at = { indicator: position('indicator'), geo: position('geo'), period: position('period'), sex: position('sex') };
  const fields: ValueFields = {
    indicator: dimensions[at.indicator]!.id,
    geo: dimensions[at.geo]!.id,
    period: dimensions[at.period]!.id,
    sex: at.sex >= 0 ? dimensions[at.sex]!.id : null,
    value: 'value',
  };

  const placeLabels = categoryLabels(dataset.dimension[fields.geo!]?.category);
  offerIndicators(checker, dataset.dimension[fields.indicator!]?.category, typeof dataset.source === 'string' ? dataset.source : null);
  const total = cellCount(sizes) ?? 0;
  const coordinates = new Array<number>(dimensions.length).fill(0);
  const code = (index: number) => dimensions[index]!.codes[coordinates[index]!]!;
  const value: RawValue = { row: 0, fields, indicator: '', geo: '', label: null, period: '', sex: '', value: undefined, raw: '' };
  for (let flat = 0; flat < total; flat++) {
    value.row = flat;
    value.indicator = code(at.indicator);
    value.geo = code(at.geo);
    value.label = placeLabels.get(value.geo) ?? null;
    value.period = code(at.period);
    value.sex = at.sex >= 0 ? code(at.sex) : 'T';
    value.value = cells.value(flat);
    value.raw = value.value === undefined ? cells.raw(flat) : '';
    checker.put(value);
    // Row-major: step the last coordinate, carrying into earlier ones.
    for (let d = dimensions.length - 1; d >= 0; d--) {
      if (++coordinates[d]! < dimensions[d]!.codes.length) break;
      coordinates[d] = 0;
    }
    if (flat % 10_000 === 0) progress(flat, total);
  }
  progress(total, total);
}

/** How many cells a dataset of these dimension sizes has; undefined until `size` is a list of counts. */
export function cellCount(sizes: unknown): number | undefined {
  if (!Array.isArray(sizes) || !sizes.every((size) => Number.isInteger(size) && size >= 0)) return undefined;
  return (sizes as number[]).reduce((product, size) => product * size, 1);
}
