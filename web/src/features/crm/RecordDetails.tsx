import { Anchor, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label / value grid for a record page. Values render as text (never HTML). */
export function RecordDetails({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs" component="dl" m={0}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed" fw={600}>
            {label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {value === null || value === undefined || value === '' ? '—' : value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** Only http(s) links are clickable, so a stored `javascript:` URL stays inert text. */
export function SafeLink({ href }: { href: string | null | undefined }) {
  if (!href) return null;
  if (!/^https?:\/\//i.test(href)) return <>{href}</>;
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
      {href}
    </Anchor>
  );
}
