import ExcelJS from 'exceljs';
import { crosstabDimensionLabels, crosstabMeasureLabels, crosstabSexLabels, crosstabWords, labelsInLanguage, memberLabel, type MemberWords } from '../../contract/crosstab-labels';
import { crosstabLayout, type LayoutSlot } from '../../contract/crosstab-layout';
import type { CrosstabResult, DimensionValue, MeasureUnit } from '../../contract/domains/crosstab';
import { applicantTypeLabels, labelOf, stageLabels, statusLabels, yesNo } from '../../contract/value-labels';
import { writeFileAtomically } from '../../store/atomic-file';
import { csvCell, csvFigure } from '../csv-cell';

// A cross-tab as a table to read (CSV, XLSX) or as JSON for scripts, as the command line and
// exports give it: headers and labels in the user's language, from the contract's tables (the
// words the screen shows), totals where the table shows them, money in kronor. Figures keep the
// Swedish formats in both languages, as the screen does.

export type Language = 'sv' | 'en';

/** The export's words in one language: the contract's tables, which the renderer's i18n takes too. */
function wordsIn(language: Language) {
  const sexNames: Record<string, string> = labelsInLanguage(crosstabSexLabels, language);
  const members: MemberWords = {
    missing: () => crosstabWords.missing[language],
    noAreaType: () => crosstabWords.noAreaType[language],
    areaType: (n) => `${crosstabWords.areaType[language]} ${n}`,
    yesNo: (yes) => yesNo[language][yes ? 0 : 1],
    coded: (kind, code) => {
      if (kind === 'applicant_type') return labelOf(applicantTypeLabels, code as keyof typeof applicantTypeLabels, language);
      if (kind === 'stage') return labelOf(stageLabels, code as keyof typeof stageLabels, language);
      if (kind === 'status') return labelOf(statusLabels, code as keyof typeof statusLabels, language);
      return sexNames[code] ?? code;
    },
  };
  return {
    dimensions: labelsInLanguage(crosstabDimensionLabels, language),
    measures: labelsInLanguage(crosstabMeasureLabels, language),
    total: crosstabWords.total[language],
    sheet: crosstabWords.title[language],
    members,
  };
}

/** Money to kronor, to the öre; other figures as they are. */
export function shownValue(unit: MeasureUnit, value: number | null): number | null {
  if (value === null) return null;
  return unit === 'ore' || unit === 'ore_per_capita' ? Math.round(value) / 100 : value;
}

const swedish = {
  count: new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }),
  ratio: new Intl.NumberFormat('sv-SE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  ore: new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  ore_per_capita: new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  indicator: new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }),
} satisfies Record<MeasureUnit, Intl.NumberFormat>;

const excelFormats: Record<MeasureUnit, string> = {
  count: '#,##0',
  ratio: '0.0%',
  ore: '#,##0.00 "kr"',
  ore_per_capita: '#,##0.00 "kr"',
  indicator: '#,##0.##',
};

/** One line of the table: its labels, then a figure per column and measure. */
interface TableRow {
  labels: string[];
  values: (number | null)[];
}

export interface Table {
  /** The name of the sheet an XLSX puts it on. */
  title: string;
  header: string[];
  /** The unit of each figure column. */
  units: MeasureUnit[];
  rows: TableRow[];
}

/** The table as shown (see crosstabLayout), its headers and labels in one language. */
export function tableOf(result: CrosstabResult, language: Language): Table {
  const words = wordsIn(language);
  const axes = [...result.rows, ...result.cols];
  const layout = crosstabLayout(result);
  // The grand total of two row axes says so once.
  const label = (slot: LayoutSlot, axis: number, blank = false) => (slot.member ? memberLabel(axes[axis]!, slot.member, words.members) : blank ? '' : words.total);
  const measureHeaders = (prefix: string) => result.measures.map((measure) => (prefix && result.measures.length > 1 ? `${prefix} ${words.measures[measure]}` : prefix || words.measures[measure]));
  return {
    title: words.sheet,
    header: [
      ...result.rows.map((dimension) => words.dimensions[dimension]),
      ...layout.columns.flatMap((column) => measureHeaders(column[0] ? label(column[0], result.rows.length) : '')),
    ],
    units: layout.columns.flatMap(() => result.units),
    rows: layout.rows.map((row) => ({
      labels: row.path.map((slot, axis) => label(slot, axis, axis > 0 && row.path[0]!.total)),
      values: row.cells.flatMap((cell) => result.measures.map((_, i) => cell?.values[i] ?? null)),
    })),
  };
}

/** CSV as Swedish Excel opens it: UTF-8 with BOM, `;`, CRLF, figures in Swedish format (money in kronor with öre). */
export function tableCsv(table: Table): string {
  const figure = (unit: MeasureUnit, value: number | null) => {
    const shown = shownValue(unit, value);
    return shown === null ? '' : swedish[unit].format(shown);
  };
  const lines = [
    table.header.map(csvCell),
    ...table.rows.map((row) => [...row.labels.map(csvCell), ...row.values.map((value, i) => csvFigure(figure(table.units[i]!, value)))]),
  ];
  return `\uFEFF${lines.map((line) => line.join(';')).join('\r\n')}\r\n`;
}

/**
 * XLSX keeps figures as numbers (kronor for money), formatted as the table shows them, and labels
 * as plain strings: exceljs writes a formula only when given one, so a label is never run.
 */
export async function writeTableXlsx(table: Table, path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.title);
  const labels = table.header.length - table.units.length;
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow([...row.labels, ...row.values.map((value, i) => shownValue(table.units[i]!, value))]);
  table.units.forEach((unit, i) => {
    const column = sheet.getColumn(labels + i + 1);
    column.numFmt = excelFormats[unit];
    column.width = Math.max(14, table.header[labels + i]!.length + 2);
  });
  for (let i = 1; i <= labels; i++) sheet.getColumn(i).width = 28;
  await writeFileAtomically(path, Buffer.from(await workbook.xlsx.writeBuffer()));
}

/**
 * For scripts: each cell one object with its dimension values (a county or municipality as its code,
 * its name beside it under `<dimension>_name`) and its measures, money in kronor with öre as
 * decimals. A dimension a cell totals over is absent from it.
 */
export function cellsJson(result: CrosstabResult): Record<string, DimensionValue>[] {
  const axes = [...result.rows, ...result.cols];
  const names = axes.map((_, axis) => new Map(result.members[axis]!.map((member) => [member.key, member.name])));
  return result.cells.map((cell) => {
    const entry: Record<string, DimensionValue> = {};
    axes.forEach((dimension, axis) => {
      if (cell.total[axis]) return;
      const key = cell.key[axis] ?? null;
      entry[dimension] = key;
      const name = names[axis]!.get(key);
      if (name) entry[`${dimension}_name`] = name;
    });
    result.measures.forEach((measure, i) => {
      entry[measure] = shownValue(result.units[i]!, cell.values[i] ?? null);
    });
    return entry;
  });
}
