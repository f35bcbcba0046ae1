import { writeFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { DesignationResult, DesignationRule, SavedRule } from '../../contract/domains/indicators';
import { AppError } from '../../contract/errors';
import { meanAndSampleSd } from '../../domain/statistics';
import { csvCell, csvFigure } from '../csv-cell';
import { indicatorOrThrow } from './lookup';

/**
 * Runs a rule over every municipality. Each condition's threshold is a fixed figure or the
 * national mean over municipalities plus k standard deviations for that indicator, year and sex.
 * A municipality without a figure fails that condition: a missing value is never taken as zero.
 */
export function runRule(db: Database, rule: DesignationRule): DesignationResult {
  const municipalities = db.prepare("SELECT code, name FROM geographies WHERE level = 'municipality' ORDER BY code").all() as {
    code: string;
    name: string;
  }[];
  const valueOf = db.prepare('SELECT value FROM indicator_values WHERE indicator_code = ? AND period = ? AND sex = ? AND geo_code = ?').pluck();
  const columns = rule.conditions.map((condition) => {
    indicatorOrThrow(db, condition.indicator);
    const values = municipalities.map(
      ({ code }) => (valueOf.get(condition.indicator, condition.period, condition.sex, code) as number | undefined) ?? null,
    );
    const { mean, sd } = meanAndSampleSd(values);
    const threshold =
      condition.threshold.kind === 'fixed' ? condition.threshold.value : mean !== null && sd !== null ? mean + condition.threshold.k * sd : null;
    const passes = values.map(
      (value) => value !== null && threshold !== null && (condition.comparison === '>=' ? value >= threshold : value <= threshold),
    );
    return {
      outcome: {
        indicator: condition.indicator,
        period: condition.period,
        sex: condition.sex,
        mean,
        sd,
        threshold,
        municipalitiesWithValue: values.filter((value) => value !== null).length,
      },
      values,
      passes,
    };
  });
  const rows = municipalities.map(({ code, name }, i) => {
    const passes = columns.map((column) => column.passes[i]!);
    return {
      code,
      name,
      values: columns.map((column) => column.values[i]!),
      passes,
      qualifies: rule.combine === 'and' ? passes.every(Boolean) : passes.some(Boolean),
    };
  });
  return { rule, conditions: columns.map((column) => column.outcome), rows };
}

/** Saves a rule under its name, replacing an earlier rule of that name. */
export function saveRule(db: Database, rule: DesignationRule): SavedRule {
  const updatedAt = new Date().toISOString();
  const { id } = db
    .prepare(
      `INSERT INTO designation_rules (name, rule, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET rule = excluded.rule, updated_at = excluded.updated_at RETURNING id`,
    )
    .get(rule.name, JSON.stringify(rule), updatedAt) as { id: number };
  return { id, rule, updatedAt };
}

export function listRules(db: Database): SavedRule[] {
  const rows = db.prepare('SELECT id, rule, updated_at FROM designation_rules ORDER BY name').all() as {
    id: number;
    rule: string;
    updated_at: string;
  }[];
  return rows.map((row) => ({ id: row.id, rule: JSON.parse(row.rule) as DesignationRule, updatedAt: row.updated_at }));
}

/** The headers of a result's first two CSV columns; the caller words them (the UI in its language). */
export interface ResultHeaders {
  code: string;
  name: string;
}

/** The qualifying municipalities with the figures behind each, as Swedish CSV (`;`, decimal comma, BOM) or JSON. */
export function formatResult(result: DesignationResult, format: 'csv' | 'json', headers: ResultHeaders): string {
  const qualifying = result.rows.filter((row) => row.qualifies);
  if (format === 'json') {
    return `${JSON.stringify({ rule: result.rule, conditions: result.conditions, municipalities: qualifying.map(({ qualifies: _, ...row }) => row) }, null, 2)}\n`;
  }
  const number = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));
  const header = [headers.code, headers.name, ...result.conditions.map((c) => `${c.indicator} ${c.period} ${c.sex}`)];
  const lines = qualifying.map((row) => [csvCell(row.code), csvCell(row.name), ...row.values.map((value) => csvFigure(number(value)))].join(';'));
  return `\uFEFF${[header.map(csvCell).join(';'), ...lines].join('\r\n')}\r\n`;
}

export function exportResult(db: Database, rule: DesignationRule, path: string, format: 'csv' | 'json', headers: ResultHeaders): { municipalities: number } {
  const result = runRule(db, rule);
  writeFileSync(path, formatResult(result, format, headers));
  return { municipalities: result.rows.filter((row) => row.qualifies).length };
}

/**
 * How a designation made from a rule is marked, so a rule never overwrites a list it did not make:
 * a fixed marker (stores already hold it), then the rule's conditions as JSON, data for whoever
 * shows them to word, not a sentence in one language.
 */
const RULE_SOURCE = 'Regel: ';

/**
 * Keeps the rule's current result as a designation (replacing an earlier one of the same name) and
 * makes it the call's earmarked list, all in one transaction.
 */
export function earmark(db: Database, rule: DesignationRule, callId: number): { designationId: number; municipalities: number } {
  const result = runRule(db, rule);
  const members = result.rows.filter((row) => row.qualifies);
  return db.transaction(() => {
    const call = db.prepare('SELECT 1 FROM grant_calls WHERE id = ?').get(callId);
    if (!call) throw new AppError('INVALID_ARGUMENT', `There is no call ${callId}.`);
    const source = `${RULE_SOURCE}${JSON.stringify({ combine: rule.combine, conditions: rule.conditions })}`;
    const existing = db.prepare('SELECT source FROM designations WHERE name = ?').pluck().get(rule.name) as string | undefined;
    if (existing !== undefined && !existing.startsWith(RULE_SOURCE)) {
      throw new AppError('INVALID_ARGUMENT', `"${rule.name}" is a list that no rule made (such as the ordinance's); give the rule another name.`);
    }
    const { id } = db
      .prepare('INSERT INTO designations (name, source) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET source = excluded.source RETURNING id')
      .get(rule.name, source) as { id: number };
    db.prepare('DELETE FROM designation_members WHERE designation_id = ?').run(id);
    const insert = db.prepare('INSERT INTO designation_members (designation_id, geo_code) VALUES (?, ?)');
    for (const member of members) insert.run(id, member.code);
    db.prepare('UPDATE grant_calls SET earmark_designation_id = ? WHERE id = ?').run(id, callId);
    return { designationId: id, municipalities: members.length };
  })();
}
