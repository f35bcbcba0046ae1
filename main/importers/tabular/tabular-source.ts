/** One data row of a spreadsheet-like file, with its 1-based line (CSV) or row (XLSX) number for reports. */
export interface TabularRow {
  row: number;
  cells: string[];
}

export type Encoding = 'utf-8' | 'windows-1252';
export type Separator = ';' | ',' | '\t';

/** A file opened for reading row by row: the header first, the rows streamed, never all in memory. */
export interface TabularSource {
  headers: string[];
  /** What was found or chosen, for the preview and the import report. */
  format: { kind: 'csv'; encoding: Encoding; separator: Separator; bom: boolean } | { kind: 'xlsx'; sheet: string };
  /** The file's size in bytes and a way to ask how far reading has come, for progress bars. */
  size: number;
  bytesRead(): number;
  rows(): AsyncIterable<TabularRow>;
  close(): Promise<void>;
}

export interface TabularOptions {
  encoding?: Encoding | 'auto';
  separator?: Separator | 'auto';
  /** XLSX: the worksheet's name; the first sheet when left out. */
  sheet?: string;
}
