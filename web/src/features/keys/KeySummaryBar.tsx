import { Badge, Group, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { KeySummary } from '../../api/types';

const ITEMS: { field: keyof KeySummary; label: string; color: string }[] = [
  { field: 'overPrivileged', label: 'over-privileged', color: 'orange' },
  { field: 'dormant', label: 'dormant', color: 'gray' },
  { field: 'neverExpiring', label: 'never expiring', color: 'yellow' },
  { field: 'violatingPolicy', label: 'breaking the key policy', color: 'red' },
  { field: 'expiringSoon', label: 'expiring within 7 days', color: 'orange' },
];

/** The organization's key hygiene above the key list (GET /keys/summary). */
export function KeySummaryBar() {
  const summary = useQuery({
    queryKey: ['keys', 'summary'],
    queryFn: () => api.get<KeySummary>('/keys/summary'),
  });
  const s = summary.data;
  if (!s || s.active === 0) return null;
  const flagged = ITEMS.filter((i) => s[i.field] > 0);
  return (
    <Paper withBorder p="sm" mb="md" data-testid="key-summary" aria-label="Key summary">
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600}>
          {s.active} active {s.active === 1 ? 'key' : 'keys'}
        </Text>
        {flagged.length === 0 ? (
          <Text size="sm" c="teal.8">
            All within least privilege and the key policy.
          </Text>
        ) : (
          flagged.map((i) => (
            <Badge
              key={i.field}
              color={i.color}
              variant="light"
              tt="none"
              data-testid={`key-summary-${i.field}`}
              style={{ overflow: 'visible' }}
            >
              {s[i.field]} {i.label}
            </Badge>
          ))
        )}
      </Group>
    </Paper>
  );
}
