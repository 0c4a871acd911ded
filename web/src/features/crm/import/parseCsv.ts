import { parse } from 'csv-parse/browser/esm/sync';

/** Larger files belong to `klipy import`, which streams. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

export interface CsvRow {
  /** The file line the record starts on (the header is line 1 when nothing precedes it). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  headers: string[];
  rows: CsvRow[];
}

/** Why a file cannot be imported, said to the person who chose it. */
export class CsvFileError extends Error {}

const lineBreaks = (cells: string[]) => cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

/**
 * Parses a CSV file's text: the first record is the header row. A byte-order mark,
 * quoted fields holding commas, quotes or line breaks, stray quotes in unquoted cells, any line-break style and blank
 * lines are handled; rows shorter or longer than the header are kept (missing cells
 * read as empty).
 */
export function parseCsv(text: string): ParsedCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // A stray quote inside an unquoted cell (`5" screen`) is kept as text.
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new CsvFileError(
      `This file is not valid CSV${e.lines ? ` (line ${e.lines})` : ''}: ${e.message ?? 'unreadable'}`,
    );
  }
  const [head, ...body] = records;
  if (!head) throw new CsvFileError('This file is empty: it needs a header row and at least one row.');
  const headers = head.record.map((h, i) => h.trim() || `Column ${i + 1}`);
  const rows = body
    .map(({ record, info }) => ({ line: info.lines - lineBreaks(record), cells: record }))
    // A row of only empty cells (`,,,`) is a blank line too.
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!rows.length) throw new CsvFileError('This file has a header row but no rows to import.');
  return { headers, rows };
}

/** Reads and parses a chosen file, refusing what is not a CSV of a sane size. */
export async function readCsvFile(file: File): Promise<ParsedCsv> {
  if (file.size > MAX_CSV_BYTES)
    throw new CsvFileError(
      `This file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the console imports files up to 20 MB. Split it, or use klipy import on the server.`,
    );
  if (!/\.(csv|txt)$/i.test(file.name) && file.type !== 'text/csv')
    throw new CsvFileError('Choose a .csv file (comma-separated, with a header row).');
  return parseCsv(await file.text());
}
