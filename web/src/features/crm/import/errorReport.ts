import { fieldLabel, humanFieldMessage } from '../../../components/forms';

/** A batch item's error as the API returns it. */
export interface ItemError {
  code: string;
  message: string;
  details?: { fields?: { path: string; message: string }[] } & Record<string, unknown>;
}

/** A row the API refused: its file line, original cells and why, in words. */
export interface FailedRow {
  line: number;
  cells: string[];
  message: string;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * An item error in words, field by field (`Email: Enter a valid email address, like
 * name@example.com.`), through the forms' own message rules; errors about no field keep
 * the API's message.
 */
export function itemErrorMessage(error: ItemError | null | undefined): string {
  if (!error) return 'The row was not imported.';
  const fields = Array.isArray(error.details?.fields) ? error.details.fields : [];
  if (!fields.length) return humanFieldMessage('', error.message);
  const messages = fields.map((f) => {
    const text = humanFieldMessage(f.path, f.message);
    const named = f.path && !f.path.startsWith('(');
    return named ? `${capitalize(fieldLabel(f.path))}: ${text}` : text;
  });
  return [...new Set(messages)].join(' ');
}

/** One CSV cell: quoted when it holds a comma, quote, line break or edge spaces; quotes doubled. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The error report: the file's own columns, then `line` and `error`, one row per failed
 * row, CRLF line ends and a byte-order mark so spreadsheet apps read it as UTF-8.
 */
export function errorReportCsv(headers: string[], failed: FailedRow[]): string {
  const lines = [[...headers, 'line', 'error']];
  for (const f of failed) lines.push([...headers.map((_, i) => f.cells[i] ?? ''), String(f.line), f.message]);
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Saves text as a file through a temporary object URL. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
