import { Alert, Button, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { errorMessage } from '../api/client';
import { WarningIcon } from './icons';

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Klipy`;
  }, [title]);
  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="sm">
      <Stack gap={4} style={{ flex: '1 1 260px', minWidth: 0 }}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

/**
 * A failed load, said in words, with a Retry that reloads every query that failed (the
 * one behind this alert among them). `retry={false}` for failures a reload cannot fix.
 */
export function ErrorAlert({
  error,
  title = 'Something went wrong',
  retry = true,
}: {
  error: unknown;
  title?: string;
  retry?: boolean;
}) {
  const qc = useQueryClient();
  if (!error) return null;
  return (
    <Alert color="red" title={title} icon={<WarningIcon />} role="alert" data-testid="error-alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {retry && (
          <Button
            size="xs"
            variant="white"
            color="red"
            onClick={() => qc.refetchQueries({ predicate: (q) => q.state.status === 'error' })}
            data-testid="retry"
          >
            Retry
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl" px="md" data-testid="empty-state">
      <Text fw={600}>{title}</Text>
      {children && (
        <Text c="dimmed" size="sm" ta="center" maw={460}>
          {children}
        </Text>
      )}
    </Stack>
  );
}

/**
 * A table's box that scrolls sideways when the screen is narrower than `minWidth`; the
 * box takes focus (a named region) so keyboard users can scroll it too.
 */
export function ScrollRegion({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': label } }}
    >
      {children}
    </Table.ScrollContainer>
  );
}
