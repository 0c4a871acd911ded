import { Autocomplete, Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { ApiKey } from '../../api/types';
import { ACTIONS, type AuditFilters, type DeletedKey, EMPTY_FILTERS, exportUrl } from './auditApi';

interface Props {
  value: AuditFilters;
  onChange: (f: AuditFilters) => void;
  keys: ApiKey[];
  /** Keys deleted since: their events stay findable. */
  deletedKeys?: DeletedKey[];
}

/** Actor, action, key and date-range filters, plus CSV / JSON export with the same filters. */
export function AuditFiltersBar({ value, onChange, keys, deletedKeys = [] }: Props) {
  const live = keys.map((k) => ({ value: k.id, label: `${k.name} (${k.prefix})` }));
  const gone = deletedKeys
    .filter((d) => !keys.some((k) => k.id === d.id))
    .map((d) => ({ value: d.id, label: `${d.label} (deleted)` }));
  const keyOptions =
    gone.length > 0
      ? [
          { group: 'Keys', items: live },
          { group: 'Deleted keys', items: gone },
        ]
      : live;
  const set = <K extends keyof AuditFilters>(k: K, v: AuditFilters[K]) => onChange({ ...value, [k]: v });
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm" mb="sm" data-testid="audit-filters">
        <TextInput
          label="Actor"
          placeholder="Email, key prefix or id"
          value={value.actor}
          onChange={(e) => set('actor', e.currentTarget.value)}
          data-testid="audit-filter-actor"
        />
        <Autocomplete
          label="Action"
          placeholder="e.g. api_key or revoked"
          data={ACTIONS}
          value={value.action}
          onChange={(v) => set('action', v)}
          data-testid="audit-filter-action"
        />
        <Select
          label="Key"
          placeholder="Any key"
          clearable
          value={value.keyId || null}
          onChange={(v) => set('keyId', v ?? '')}
          data={keyOptions}
          searchable
          data-testid="audit-filter-key"
        />
        <TextInput
          type="date"
          label="From"
          value={value.from}
          max={value.to || undefined}
          onChange={(e) => set('from', e.currentTarget.value)}
          data-testid="audit-filter-from"
        />
        <TextInput
          type="date"
          label="To"
          value={value.to}
          min={value.from || undefined}
          onChange={(e) => set('to', e.currentTarget.value)}
          data-testid="audit-filter-to"
        />
      </SimpleGrid>
      <Group gap="xs" mb="md">
        <Button
          variant="subtle"
          size="xs"
          onClick={() => onChange(EMPTY_FILTERS)}
          disabled={JSON.stringify(value) === JSON.stringify(EMPTY_FILTERS)}
        >
          Clear filters
        </Button>
        <Button
          component="a"
          href={exportUrl('csv', value)}
          download
          variant="default"
          size="xs"
          data-testid="audit-export-csv"
        >
          Export CSV
        </Button>
        <Button
          component="a"
          href={exportUrl('json', value)}
          download
          variant="default"
          size="xs"
          data-testid="audit-export-json"
        >
          Export JSON
        </Button>
      </Group>
    </>
  );
}
