import type { ElementSink } from '../json/json-object-reader';
import type { RawValue, ValueFields, ValueTarget } from './value-checker';

interface KoladaValue {
  gender?: unknown;
  status?: unknown;
  value?: unknown;
}

interface KoladaRecord {
  kpi?: unknown;
  municipality?: unknown;
  period?: unknown;
  values?: unknown;
}

const FIELDS: ValueFields = { indicator: 'kpi', geo: 'municipality', period: 'period', sex: 'gender', value: 'value' };

/** Kolada names the country `0000` and the regions (counties) `00NN`; the store uses SCB's `00` and `NN`. */
function koladaGeo(code: string): string {
  const region = /^00(\d\d)$/.exec(code);
  return region ? region[1]! : code;
}

/**
 * Takes the records of Kolada's values API response (one per kpi, municipality and period, each
 * with a value per gender) as the response's `values` list streams by. A null value (status
 * "Missing" or none) is missing, never 0. Rows in rejects are the record's index in `values`.
 */
export function koladaRecordSink(checker: ValueTarget): ElementSink {
  const value: RawValue = { row: 0, fields: FIELDS, indicator: '', geo: '', label: null, period: '', sex: '', value: undefined, raw: '' };
  return (key, element) => {
    const index = Number(key);
    const item = element as KoladaRecord | null;
    if (typeof item !== 'object' || item === null || !Array.isArray(item.values)) {
      checker.reject(index, null, 'koladaRecordInvalid');
      return;
    }
    value.row = index;
    value.indicator = String(item.kpi ?? '');
    value.geo = koladaGeo(String(item.municipality ?? ''));
    value.period = String(item.period ?? '');
    for (const entry of item.values as KoladaValue[]) {
      const raw = entry?.value;
      value.sex = String(entry?.gender ?? '');
      value.value = raw === null || raw === undefined ? null : typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
      value.raw = String(raw);
      checker.put(value);
    }
  };
}
