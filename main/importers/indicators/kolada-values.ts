import { AppError } from '../../contract/errors';
import type { IndicatorValueWriter, ValueFields } from './value-writer';

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
 * Kolada's values API response: one record per kpi, municipality and period, each with a value per
 * gender. A null value (status "Missing" or none) is missing, never 0. Rows in rejects are the
 * record's index in `values`.
 */
export function putKoladaValues(writer: IndicatorValueWriter, document: unknown, progress: (done: number, total: number) => void): void {
  const records = (document as { values?: unknown } | null)?.values;
  if (!Array.isArray(records)) throw new AppError('INVALID_ARGUMENT', 'Not a Kolada values response: it has no "values" list.');
  records.forEach((item: KoladaRecord, index) => {
    if (typeof item !== 'object' || item === null || !Array.isArray(item.values)) {
      writer.reject(index, null, 'not a Kolada value record (kpi, municipality, period, values)');
      return;
    }
    const kpi = String(item.kpi ?? '');
    const geo = koladaGeo(String(item.municipality ?? ''));
    for (const entry of item.values as KoladaValue[]) {
      const raw = entry?.value;
      const value = raw === null || raw === undefined ? null : typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
      writer.put(index, FIELDS, kpi, geo, String(item.period ?? ''), String(entry?.gender ?? ''), value, String(raw));
    }
    if (index % 1000 === 0) progress(index, records.length);
  });
  progress(records.length, records.length);
}
