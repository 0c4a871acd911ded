import { Button, Group, Text, TextInput } from '@mantine/core';
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
