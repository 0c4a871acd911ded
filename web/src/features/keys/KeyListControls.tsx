import { Group, Select, TextInput } from '@mantine/core';
import type { ApiKey } from '../../api/types';

export interface KeyListView {
  search: string;
  status: 'all' | ApiKey['status'] | 'flagged';
  sort: 'newest' | 'oldest' | 'name' | 'last_used' | 'expiry';
}

export const DEFAULT_VIEW: KeyListView = { search: '', status: 'all', sort: 'newest' };

const flagged = (k: ApiKey) =>
  (k.policyViolations?.length ?? 0) > 0 || (k.suggestedScopes ?? null) !== null || k.dormant === true;

const time = (iso: string | null, missing: number) => (iso ? Date.parse(iso) : missing);

/** The keys matching the search (name or prefix) and status, in the chosen order. */
export function applyKeyView(keys: ApiKey[], v: KeyListView): ApiKey[] {
  const q = v.search.trim().toLowerCase();
  const shown = keys.filter(
    (k) =>
      (q === '' || k.name.toLowerCase().includes(q) || k.prefix.toLowerCase().includes(q)) &&
      (v.status === 'all' || (v.status === 'flagged' ? flagged(k) : k.status === v.status)),
  );
  const by: Record<KeyListView['sort'], (a: ApiKey, b: ApiKey) => number> = {
    newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
    oldest: (a, b) => a.createdAt.localeCompare(b.createdAt),
    name: (a, b) => a.name.localeCompare(b.name),
    last_used: (a, b) => time(b.lastUsedAt, 0) - time(a.lastUsedAt, 0),
    expiry: (a, b) =>
      time(a.expiresAt, Number.POSITIVE_INFINITY) - time(b.expiresAt, Number.POSITIVE_INFINITY),
  };
  return [...shown].sort(by[v.sort]);
}

/** Search by name or prefix, filter by status, sort: above the key list. */
export function KeyListControls({
  value,
  onChange,
}: {
  value: KeyListView;
  onChange: (v: KeyListView) => void;
}) {
  return (
    <Group gap="sm" mb="sm" wrap="wrap" data-testid="key-list-controls">
      <TextInput
        placeholder="Search name or prefix"
        aria-label="Search keys by name or prefix"
        value={value.search}
        onChange={(e) => onChange({ ...value, search: e.currentTarget.value })}
        w={260}
        data-testid="key-search"
      />
      <Select
        aria-label="Filter keys by status"
        value={value.status}
        onChange={(s) => onChange({ ...value, status: (s ?? 'all') as KeyListView['status'] })}
        data={[
          { value: 'all', label: 'All statuses' },
          { value: 'active', label: 'Active' },
          { value: 'expired', label: 'Expired' },
          { value: 'revoked', label: 'Revoked' },
          { value: 'flagged', label: 'Needs attention' },
        ]}
        allowDeselect={false}
        w={180}
        data-testid="key-status-filter"
      />
      <Select
        aria-label="Sort keys"
        value={value.sort}
        onChange={(s) => onChange({ ...value, sort: (s ?? 'newest') as KeyListView['sort'] })}
        data={[
          { value: 'newest', label: 'Newest first' },
          { value: 'oldest', label: 'Oldest first' },
          { value: 'name', label: 'Name' },
          { value: 'last_used', label: 'Recently used' },
          { value: 'expiry', label: 'Expiring first' },
        ]}
        allowDeselect={false}
        w={180}
        data-testid="key-sort"
      />
    </Group>
  );
}
