import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import type { PageInfo } from '../../api/client';

export function SearchBox({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
}) {
  return (
    <TextInput
      type="search"
      label={label}
      placeholder="Name, email, domain…"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={{ base: '100%', xs: 320 }}
      data-testid="crm-search"
    />
  );
}

/** A sort the query API accepts: `{ field, direction }`. */
export interface Sort {
  field: string;
  direction: 'asc' | 'desc';
}

/** The orders a list offers, as `field:direction` values; the first is the default. */
export const RECORD_SORTS = [
  { value: 'createdAt:desc', label: 'Newest first' },
  { value: 'createdAt:asc', label: 'Oldest first' },
  { value: 'updatedAt:desc', label: 'Recently updated' },
];

export const parseSort = (value: string): Sort => {
  const [field = 'createdAt', direction] = value.split(':');
  return { field, direction: direction === 'asc' ? 'asc' : 'desc' };
};

export function SortSelect({
  value,
  onChange,
  options = RECORD_SORTS,
}: {
  value: string;
  onChange: (v: string) => void;
  options?: { value: string; label: string }[];
}) {
  return (
    <Select
      label="Sort"
      data={options}
      value={value}
      allowDeselect={false}
      onChange={(v) => v && onChange(v)}
      w={{ base: '100%', xs: 200 }}
      data-testid="crm-sort"
    />
  );
}

interface PagerProps {
  page: number;
  pageInfo: PageInfo | undefined;
  onPrev: () => void;
  onNext: (cursor: string | null) => void;
  busy?: boolean;
}

/** "Previous page" / "Next page" for cursor pagination. */
export function Pager({ page, pageInfo, onPrev, onNext, busy }: PagerProps) {
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed">
        Page {page}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          disabled={page <= 1 || busy}
          onClick={onPrev}
          data-testid="prev-page"
        >
          Previous page
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={!pageInfo?.has_next_page || busy}
          onClick={() => onNext(pageInfo?.next_cursor ?? null)}
          data-testid="next-page"
        >
          Next page
        </Button>
      </Group>
    </Group>
  );
}
