/** Prints rows as JSON (`--json`) or as an aligned text table. */
export function printRows(rows: Record<string, unknown>[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const cell = (v: unknown) =>
    v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(',') : String(v ?? '');
  const columns = Object.keys(rows[0] ?? {});
  const widths = columns.map((col) => Math.max(col.length, ...rows.map((r) => cell(r[col]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((col) => cell(row[col]))));
}

/** Prints one object as JSON or `key: value` lines. */
export function printObject(obj: Record<string, unknown>, json: boolean): void {
  if (json) console.log(JSON.stringify(obj, null, 2));
  else
    for (const [k, v] of Object.entries(obj)) console.log(`${k}: ${v instanceof Date ? v.toISOString() : v}`);
}
