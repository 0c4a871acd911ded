import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

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

const NUMERIC = new Set(['employeeCount', 'estimatedRevenue']);

/** `First Name`, `first_name`, `first-name`, `firstName` → `firstName`. */
export function fieldName(header: string): string {
  const camel = header.trim().replace(/[\s_-]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
  return camel.charAt(0).toLowerCase() + camel.slice(1);
}

/**
 * A CSV row as an API item: empty cells are absent, `tags` splits on `;` or `|`,
 * `customFields.<name>` (or `custom.<name>`) columns become custom fields, numeric
 * columns and epoch-millisecond dates become numbers. Everything else stays a string
 * for the API's own validation to judge.
 */
export function csvItem(row: Record<string, string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const custom: Record<string, string> = {};
  for (const [header, raw] of Object.entries(row)) {
    const value = raw.trim();
    if (value === '') continue;
    const dotted = /^(?:custom|custom[_ ]?fields)\.(.+)$/i.exec(header.trim());
    if (dotted?.[1]) {
      custom[dotted[1]] = value;
      continue;
    }
    const key = fieldName(header);
    if (key === 'tags')
      item.tags = value
        .split(/[;|]/)
        .map((t) => t.trim())
        .filter(Boolean);
    else if (NUMERIC.has(key) && /^-?\d+$/.test(value)) item[key] = Number(value);
    else if (key === 'interactionDate' && /^\d+$/.test(value)) item[key] = Number(value);
    else item[key] = value;
  }
  if (Object.keys(custom).length) item.customFields = custom;
  return item;
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
