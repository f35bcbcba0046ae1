import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Database } from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { ApplicationColumn, ApplicationFollowUpColumn, ApplicationRow, ExportArgs } from '../../contract/calls';
import { applicantTypeLabels, labelOf, stageLabels, statusLabels, yesNo } from '../../contract/value-labels';
import type { ReportProgress } from '../../domain/progress';
import { csvCell, csvFigure } from '../csv-cell';
import { iterateView } from '../paging/page-query';
import { applicationScope, applicationsGrid, exportedApplicationKeys } from './register-grids';

type ExportedRow = Omit<ApplicationRow, ApplicationFollowUpColumn>;

const kronor = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });
const kronorAndOre = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Whole kronor as the grid shows them, with öre (decimal comma) only where there are öre, so an import reads back the same amount. */
function amountText(ore: number): string {
  return ore % 100 === 0 ? kronor.format(ore / 100) : kronorAndOre.format(ore / 100);
}
const amountColumns = new Set<ApplicationColumn>(['requestedOre', 'grantedOre']);

/** A cell as the grid shows it (amounts in the Swedish format in both languages, like the UI). */
function shown(row: ExportedRow, key: ApplicationColumn, language: 'sv' | 'en'): string {
  const value = row[key];
  if (value === null) return '';
  switch (key) {
    case 'status':
      return labelOf(statusLabels, row.status, language);
    case 'stage':
      return labelOf(stageLabels, row.stage, language);
    case 'applicantType':
      return labelOf(applicantTypeLabels, row.applicantType, language);
    case 'includesEvaluation':
      return yesNo[language][row.includesEvaluation === 1 ? 0 : 1];
    case 'requestedOre':
    case 'grantedOre':
      return amountText(value as number);
    default:
      return String(value);
  }
}

const PROGRESS_EVERY = 1000;

/**
 * Writes the grid's current view (its columns in order, its filters, search and sort) to CSV or
 * XLSX, streamed from SQLite. CSV is what Swedish Excel opens: UTF-8 with BOM, `;`, CRLF, amounts with
 * öre where they have any. In XLSX, amounts are numbers in kronor (öre as decimals) formatted as the
 * grid shows them, so they still add up.
 */
export async function exportApplications(db: Database, path: string, args: ExportArgs, progress: ReportProgress): Promise<{ rows: number }> {
  const total = db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
  const rows = iterateView<ExportedRow>(db, applicationsGrid, args.query, exportedApplicationKeys, applicationScope(args.query));
  let count = 0;
  if (args.format === 'csv') {
    const out = createWriteStream(path, { encoding: 'utf8' });
    const write = async (line: string) => {
      if (!out.write(line)) await once(out, 'drain');
    };
    await write(`\uFEFF${args.columns.map((c) => csvCell(c.header)).join(';')}\r\n`);
    for (const row of rows) {
      await write(`${args.columns.map((c) => (amountColumns.has(c.key) ? csvFigure : csvCell)(shown(row, c.key, args.language))).join(';')}\r\n`);
      if (++count % PROGRESS_EVERY === 0) progress('export', count, total);
    }
    out.end();
    await once(out, 'finish');
  } else {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet(args.language === 'sv' ? 'Ansökningar' : 'Applications');
    sheet.columns = args.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.max(12, c.header.length + 2),
      ...(amountColumns.has(c.key) ? { style: { numFmt: '#,##0 "kr"' } } : {}),
    }));
    for (const row of rows) {
      sheet
        .addRow(Object.fromEntries(args.columns.map((c) => [c.key, amountColumns.has(c.key) ? (row[c.key] as number) / 100 : shown(row, c.key, args.language)])))
        .commit();
      if (++count % PROGRESS_EVERY === 0) progress('export', count, total);
    }
    sheet.commit();
    await workbook.commit();
  }
  progress('export', count, count);
  return { rows: count };
}
