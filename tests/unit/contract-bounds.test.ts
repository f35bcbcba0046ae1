import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { callNames, calls, type ArgsIn, type CallName } from '../../main/contract/calls';
import { AppError } from '../../main/contract/errors';
import { validateCall } from '../../main/contract/validate';

// Generated from the contract: for every call, one valid argument (a new call fails here until it
// has one), then every string, array, object, id and enum the schema declares is checked for its
// bound and sent malformed, and each malformed payload must come back INVALID_ARGUMENT.

const rule: ArgsIn<'designation.run'>['rule'] = {
  name: 'Utsatta',
  combine: 'and',
  conditions: [{ indicator: 'N00914', period: 2023, comparison: '>=', threshold: { kind: 'sd', k: 1 } }],
};
const textFilter = { kind: 'text', column: 'title', op: 'contains', value: 'skola' } as const;

const examples: { [K in CallName]: ArgsIn<K> } = {
  'store.info': {},
  'store.markOnboarded': {},
  'store.pickAndOpen': { mode: 'open' },
  'demo.load': { scale: 1, seed: 7 },
  'overview.get': {},
  'files.pick': { purpose: 'export', extensions: ['csv'], suggestedName: 'ansokningar.csv' },
  'files.writeExport': { fileId: 'f1', kind: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
  'indicators.import': { fileId: 'f1', format: 'csv', dryRun: true },
  'areas.import': { fileId: 'f1' },
  'indicators.importDefinitions': { fileId: 'f1' },
  'indicators.list': {},
  'indicators.places': {},
  'indicators.profile': { geo: '1280', indicators: ['N00914'], sexes: ['T'], peers: ['0180'] },
  'indicators.ranking': { indicator: 'N00914', period: 2023, sex: 'K' },
  'indicators.valuesPage': {
    sort: { column: 'value', direction: 'desc' },
    filters: [{ kind: 'set', column: 'indicator', values: ['N00914'] }],
    search: 'malmö',
    after: { value: 12.5, id: 3 },
    limit: 50,
  },
  'indicators.valuesCount': { filters: [{ kind: 'number', column: 'value', op: 'gt', value: 3 }] },
  'boundaries.import': { fileId: 'f1', level: 'regso' },
  'indicators.map': { indicator: 'N00914', period: 2023, level: 'municipality' },
  'designation.run': { rule },
  'designation.save': { rule },
  'designation.rules': {},
  'designation.export': { rule, fileId: 'f1', format: 'csv', headers: { code: 'Kod', name: 'Namn' } },
  'designation.earmark': { rule, callId: 1 },
  'applications.page': { sort: { column: 'title', direction: 'asc' }, filters: [textFilter], search: 'skola', after: { value: 'Skolan', id: 9 }, skip: 0, limit: 100 },
  'applications.count': { filters: [textFilter], crosstabCell: [{ dimension: 'area_type', values: [2, null] }] },
  'applications.get': { id: 1 },
  'applications.update': { id: 1, changes: { title: 'Ny titel', municipalityCode: '1280', requestedOre: 100, evaluationOre: null } },
  'organisations.page': { sort: { column: 'name', direction: 'asc' }, filters: [{ kind: 'text', column: 'name', op: 'startsWith', value: 'Malmö' }] },
  'organisations.count': {},
  'register.lastEdit': {},
  'register.undo': {},
  'calls.budget': {},
  'views.list': { grid: 'applications' },
  'views.save': { grid: 'applications', name: 'Mina', state: '{"columns":[]}' },
  'views.delete': { id: 2 },
  'import.preview': { fileId: 'f1', kind: 'applications' },
  'import.run': { fileId: 'f1', kind: 'applications', mapping: { caseNumber: 'Dnr' }, dryRun: true },
  'applications.export': {
    fileId: 'f1',
    format: 'xlsx',
    query: { filters: [textFilter] },
    columns: [{ key: 'caseNumber', header: 'Diarienummer' }],
  },
  'reports.add': { applicationId: 1, entry: { kind: 'final', dueOn: '2025-06-30' } },
  'reports.receive': { reportId: 1, entry: { receivedOn: '2025-07-01' } },
  'payments.add': { applicationId: 1, entry: { decisionId: 1, kind: 'payment', paidOn: '2025-01-15', amountOre: 100 } },
  'decisions.add': { applicationId: 1, entry: { decidedOn: '2025-01-10', byYear: [{ year: 2025, grantedOre: 100 }], conditions: null } },
  'backups.list': {},
  'backups.create': { fileId: 'f1' },
  'backups.restore': { from: { backup: 'grantlens.2026-12-01T09-48-56-123Z.daily.sqlite' } },
  'store.verify': {},
  'exchange.export': { scope: 'indicators', caseNumber: '2024-00017', indicators: ['N00914', 'OJI'], fileId: 'f1', passphrase: 'korrekt häst batteri' },
  'exchange.import': { fileId: 'f1', passphrase: 'korrekt häst batteri', choices: [{ key: 'applications:2024-00017', field: 'title', take: 'mine' }] },
  'crosstab.run': { rows: ['county', 'year'], cols: ['status'], measures: ['granted_sek'], filters: [{ dimension: 'stage', values: ['plan'] }] },
  'crosstab.drill': { filters: [{ dimension: 'status', values: ['granted'] }], after: 3, limit: 50 },
  'analyses.list': {},
  'analyses.save': { id: 3, name: 'Beviljat per län och år', query: { rows: ['county'], cols: ['year'], measures: ['granted_sek'], filters: [{ dimension: 'stage', values: ['plan'] }] } },
  'analyses.delete': { id: 3 },
  'analyses.exportFile': { id: 3, fileId: 'f1' },
  'analyses.importFile': { fileId: 'f2' },
  'crosstab.export': {
    query: { rows: ['county', 'year'], cols: ['status'], measures: ['granted_sek'], filters: [{ dimension: 'stage', values: ['plan'] }] },
    format: 'csv',
    fileId: 'f1',
  },
  'evaluation.did': { indicator: 'AM0207AC', sex: 'T', level: 'municipality', control: 'never' },
  'evaluation.status': { today: '2025-06-30' },
  'evaluation.grant': { applicationId: 1, today: '2025-06-30' },
  'evaluation.dashboard': { today: '2025-06-30' },
  'evaluation.save': { record: 'note', planId: 1, body: 'Intervjuerna är klara.' },
  'evaluation.delete': { record: 'note', id: 1 },
  'evaluation.attachment': { id: 1 },
  'evaluation.report': { fileId: 'f1', caseNumber: '2024-00001', language: 'sv' },
  'evaluation.printPdf': { caseNumber: '2024-00001' },
  'evaluation.openAttachment': { id: 1 },
};

type Path = (string | number)[];
interface Malformed {
  what: string;
  path: Path;
  value: unknown;
}
interface Walk {
  malformed: Malformed[];
  /** Schema nodes without a bound (a string or array without .max(), an object that takes any key, an id that may be 0). */
  unbounded: string[];
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  checks?: { _zod: { def: { check: string; maximum?: number; value?: number; inclusive?: boolean } } }[];
  format?: string;
  entries?: Record<string, string>;
};
const def = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const check = (schema: z.ZodType, kind: string) => def(schema).checks?.find((c) => c._zod.def.check === kind)?._zod.def;
const HUGE = 10 * 1024 * 1024;
const isIdKey = (key: string | number | undefined) => typeof key === 'string' && (key === 'id' || /Id$/.test(key));

function walk(schema: z.ZodType, value: unknown, path: Path, found: Walk): void {
  const d = def(schema);
  const at = path.join('.') || '(argument)';
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      walk(d.innerType!, value, path, found);
      return;
    case 'object': {
      if (def(d.catchall ?? ({ _zod: { def: { type: 'unknown' } } } as unknown as z.ZodType)).type !== 'never') found.unbounded.push(`${at}: an object that takes extra keys`);
      if (value !== undefined && value !== null) {
        found.malformed.push({ what: `an extra key in ${at}`, path: [...path, 'unexpected'], value: 1 });
        found.malformed.push({ what: `an array for the object ${at}`, path, value: [] });
        for (const [key, child] of Object.entries(d.shape!)) walk(child, (value as Record<string, unknown>)[key], [...path, key], found);
      }
      return;
    }
    case 'string': {
      const max = check(schema, 'max_length')?.maximum ?? check(schema, 'length_equals')?.maximum;
      const fixedFormat = d.format === 'date';
      if (max === undefined && !fixedFormat) found.unbounded.push(`${at}: a string without .max()`);
      if (value === undefined || value === null) return;
      found.malformed.push({ what: `a number for the string ${at}`, path, value: 42 });
      found.malformed.push({ what: `10 MB in ${at}`, path, value: 'x'.repeat(HUGE) });
      if (max !== undefined) found.malformed.push({ what: `${max + 1} characters in ${at}`, path, value: `${value as string}${'x'.repeat(max + 1)}`.slice(0, max + 1) });
      return;
    }
    case 'number': {
      if (isIdKey(path.at(-1))) {
        const min = check(schema, 'greater_than');
        if (!min || (min.value ?? 0) < 1) found.unbounded.push(`${at}: an id that may be 0 or negative`);
      }
      if (value === undefined || value === null) return;
      found.malformed.push({ what: `a string for the number ${at}`, path, value: String(value) });
      found.malformed.push({ what: `Infinity in ${at}`, path, value: Infinity });
      found.malformed.push({ what: `NaN in ${at}`, path, value: Number.NaN });
      if (isIdKey(path.at(-1))) {
        found.malformed.push({ what: `a negative id in ${at}`, path, value: -1 });
        found.malformed.push({ what: `a fractional id in ${at}`, path, value: 1.5 });
      }
      return;
    }
    case 'boolean':
      if (value !== undefined) found.malformed.push({ what: `a string for the boolean ${at}`, path, value: 'true' });
      return;
    case 'enum':
      if (value !== undefined) found.malformed.push({ what: `a name outside the whitelist in ${at}`, path, value: 'id; DROP TABLE applications' });
      return;
    case 'null':
      // A null member of a union ("records without one"): nothing to bound.
      return;
    case 'literal':
      if (value !== undefined) found.malformed.push({ what: `another value for the literal ${at}`, path, value: 'other' });
      return;
    case 'array': {
      const max = check(schema, 'max_length')?.maximum;
      if (max === undefined) found.unbounded.push(`${at}: an array without .max()`);
      const items = value as unknown[] | undefined;
      if (items === undefined || items === null) {
        walk(d.element!, undefined, [...path, 0], found);
        return;
      }
      found.malformed.push({ what: `an object for the array ${at}`, path, value: {} });
      if (items.length > 0) {
        found.malformed.push({ what: `${(max ?? 100_000) + 1} entries in ${at}`, path, value: Array.from({ length: (max ?? 100_000) + 1 }, () => items[0]) });
      }
      walk(d.element!, items[0], [...path, 0], found);
      return;
    }
    case 'record':
      walk(d.keyType!, undefined, [...path, '(key)'], found);
      if (value !== undefined && value !== null) {
        found.malformed.push({ what: `a key outside the whitelist in ${at}`, path: [...path, 'notAField'], value: 'x' });
        for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(d.valueType!, child, [...path, key], found);
      } else walk(d.valueType!, undefined, [...path, '(value)'], found);
      return;
    case 'union': {
      // Each option is walked for its bounds; the example's value is mutated within the option it
      // passes, and a mutation here that another option takes (a number for string | number) is no mutation.
      const matching = d.options!.find((option) => value !== undefined && option.safeParse(value).success);
      const inner: Walk = { malformed: [], unbounded: found.unbounded };
      for (const option of d.options!) walk(option, option === matching ? value : undefined, path, inner);
      found.malformed.push(...inner.malformed.filter((m) => m.path.length > path.length || !schema.safeParse(m.value).success));
      if (value !== undefined && value !== null) found.malformed.push({ what: `a boolean for ${at}`, path, value: true });
      return;
    }
    default:
      found.unbounded.push(`${at}: a ${d.type} the bounds test does not know (teach it)`);
  }
}

function withValue(base: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(base) ? [...base] : { ...(base as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  copy[head!] = withValue(copy[head!], rest, value);
  return copy;
}

function analyse(name: CallName): Walk {
  const found: Walk = { malformed: [], unbounded: [] };
  walk(calls[name].args, examples[name], [], found);
  for (const value of [[], 'text', 7, true]) found.malformed.push({ what: `${JSON.stringify(value)} for the whole argument`, path: [], value });
  return found;
}

describe('every call’s argument schema, generated from the contract', () => {
  it('has a valid example for every call, and nothing else', () => {
    expect(Object.keys(examples).sort()).toEqual([...callNames].sort());
  });

  it.each(callNames)('%s: the example passes', (name) => {
    expect(() => validateCall(name, examples[name])).not.toThrow();
  });

  it.each(callNames)('%s: bounds every string and array, takes no extra keys, and wants ids of at least 1', (name) => {
    expect(analyse(name).unbounded).toEqual([]);
  });

  it.each(callNames)('%s: refuses each malformed payload with INVALID_ARGUMENT', (name) => {
    const accepted: string[] = [];
    for (const malformed of analyse(name).malformed) {
      try {
        validateCall(name, withValue(examples[name], malformed.path, malformed.value));
        accepted.push(malformed.what);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('INVALID_ARGUMENT');
      }
    }
    expect(accepted).toEqual([]);
  });
});
