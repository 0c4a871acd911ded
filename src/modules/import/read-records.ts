import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { csvItem } from './csv-item.js';

export { csvItem, fieldName } from './csv-item.js';

/**
 * One record of an import file: `row` is its 1-based position among the file's records
 * (the CSV header is not one); `item` the record as API fields, or `unreadable` why the
 * line could not be read at all.
 */
export type SourceRecord =
  | { row: number; item: Record<string, unknown> }
  | { row: number; unreadable: string };

export type ImportFormat = 'csv' | 'jsonl';

/** `csv` or `jsonl` from the file name (`.csv`, `.jsonl` / `.ndjson`), else undefined. */
export function formatOf(path: string): ImportFormat | undefined {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  return undefined;
}

/**
 * Streams the records of a CSV (header row first) or JSON Lines file, one at a time:
 * memory stays constant whatever the file size, and a slow consumer pauses the read.
 * `onBytes` reports how far into the file the reader is (for a progress bar).
 */
export async function* readRecords(
  path: string,
  format: ImportFormat,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<SourceRecord> {
  const stream = createReadStream(path);
  stream.on('data', () => onBytes(stream.bytesRead));
  let row = 0;
  if (format === 'csv') {
    const parser = stream.pipe(
      parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }),
    );
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      yield { row: ++row, item: csvItem(record) };
    }
    return;
  }
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim() === '') continue;
    row++;
    try {
      const value: unknown = JSON.parse(line);
      yield value && typeof value === 'object' && !Array.isArray(value)
        ? { row, item: value as Record<string, unknown> }
        : { row, unreadable: 'The line is JSON but not an object.' };
    } catch {
      yield { row, unreadable: 'The line is not valid JSON.' };
    }
  }
}
