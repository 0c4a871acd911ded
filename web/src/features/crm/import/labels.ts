import { IMPORT_FIELDS, type ImportResource } from './fields';
import type { ParsedCsv } from './parseCsv';

/** What the import screens share: the record types, their names, and how values are shown. */
export const RESOURCES: { value: ImportResource; label: string }[] = [
  { value: 'people', label: 'People' },
  { value: 'companies', label: 'Companies' },
  { value: 'interactions', label: 'Interactions' },
];

export const NOUNS: Record<ImportResource, string> = {
  people: 'People',
  companies: 'Companies',
  interactions: 'Interactions',
};

export const IGNORE = '';

export interface ChosenFile {
  name: string;
  csv: ParsedCsv;
}

export const fmt = (n: number) => n.toLocaleString('en');

/** The label of a column's target, for the preview's header. */
export function targetLabel(resource: ImportResource, target: string): string {
  if (target.startsWith('custom.')) return `Custom: ${target.slice('custom.'.length)}`;
  const label = IMPORT_FIELDS[resource].find((f) => f.name === target)?.label ?? target;
  return label.replace(/ \(.*\)$/, '');
}

/** A mapped value as text, for the preview. */
export const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
