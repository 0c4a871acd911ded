import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

/** The machine a figure was measured on, printed beside every table. */
export const machine = () => ({ cores: cpus().length, cpu: cpus()[0]?.model ?? '?', node: process.version });

/** Prints a table and writes it as bench/results/<name>.json and .md. */
export function writeResults(
  name: string,
  rows: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
) {
  console.table(rows);
  const dir = new URL('../results/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const info = { ...machine(), ...extra, measuredAt: new Date().toISOString() };
  writeFileSync(`${dir}${name}.json`, `${JSON.stringify({ info, rows }, null, 2)}\n`);
  const cols = Object.keys(rows[0] ?? {});
  const md = [
    `# ${name}`,
    '',
    `Machine: ${info.cores} cores (${info.cpu}), Node ${info.node}. ${new Date().toISOString()}`,
    '',
    `| ${cols.join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => String(r[c])).join(' | ')} |`),
    '',
  ].join('\n');
  writeFileSync(`${dir}${name}.md`, md);
}
