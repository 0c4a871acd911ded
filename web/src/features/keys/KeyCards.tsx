import { Anchor, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ApiKey } from '../../api/types';
import { fmtDate } from '../../components/format';
import { KeyActions } from './KeyActions';
import { KeyAdvice } from './KeyAdvice';
import {
  ExpiryCell,
  LastUsedCell,
  PlaygroundTag,
  PolicyFlags,
  RolledNote,
  ScopeBadges,
  StatusBadge,
} from './KeyBadges';
import { RestrictionBadges } from './KeyRestrictions';
import { KeySparkline } from './KeySparkline';

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <div>
    <Text size="xs" c="dimmed" fw={600}>
      {label}
    </Text>
    {children}
  </div>
);

/** Mobile key list: one card per key, same data and testids as the table. */
export function KeyCards({ keys }: { keys: ApiKey[] }) {
  return (
    <Stack gap="sm" data-testid="keys-cards" role="list" aria-label="API keys">
      {keys.map((k) => (
        <Paper
          key={k.id}
          withBorder
          p="sm"
          radius="md"
          role="listitem"
          aria-label={k.name}
          data-testid="key-row"
          data-key-name={k.name}
          data-key-id={k.id}
          data-status={k.status}
        >
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Anchor
                  component={Link}
                  to={`/settings/api/${encodeURIComponent(k.id)}`}
                  fw={600}
                  truncate="end"
                  data-testid="key-link"
                >
                  {k.name}
                </Anchor>
                <PlaygroundTag apiKey={k} />
                <StatusBadge apiKey={k} />
                <PolicyFlags apiKey={k} />
              </Group>
              <Text
                size="xs"
                ff="monospace"
                c="dimmed"
                data-testid="key-prefix"
                style={{ overflowWrap: 'anywhere' }}
              >
                {k.prefix}
              </Text>
              <RolledNote apiKey={k} />
            </Stack>
            <KeyActions apiKey={k} />
          </Group>
          <Stack gap="xs" mt="xs">
            <ScopeBadges scopes={k.scopes} />
            <RestrictionBadges apiKey={k} />
            <KeyAdvice apiKey={k} compact />
            <SimpleGrid cols={2} spacing="xs">
              <Field label="Created">
                <Text size="sm">{fmtDate(k.createdAt)}</Text>
                <Text size="xs" c="dimmed" truncate="end">
                  {k.createdBy ? `by ${k.createdBy.name || k.createdBy.email}` : 'by the platform'}
                </Text>
              </Field>
              <Field label="Expires">
                <ExpiryCell apiKey={k} />
              </Field>
              <Field label="Last used">
                <LastUsedCell apiKey={k} />
              </Field>
              <Field label="Usage (7 days)">
                <KeySparkline keyId={k.id} name={k.name} />
              </Field>
            </SimpleGrid>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
