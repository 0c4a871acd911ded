import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { ChainVerification } from '../../api/types';
import { fmtDateTime } from '../../components/format';

/**
 * "Verified through <time>, N events": the organization's audit hash chain, recomputed by
 * the server. Red with the first broken link when a row was edited, deleted or reordered.
 */
export function ChainBadge({ v }: { v: ChainVerification }) {
  const head = v.head ? `Chain head ${v.head.seq}:${v.head.hash}` : 'No chained events yet';
  const uncovered = v.uncovered ? ` ${v.uncovered} older events predate the chain (not covered).` : '';
  if (!v.ok && v.firstBreak) {
    return (
      <Group gap="xs" mb="sm" data-testid="audit-chain-badge" data-ok="false">
        <Badge color="red" variant="filled">
          Tampering detected at event #{v.firstBreak.seq}
        </Badge>
        <Text size="xs" c="red">
          {v.firstBreak.detail}
        </Text>
      </Group>
    );
  }
  return (
    <Group gap="xs" mb="sm" data-testid="audit-chain-badge" data-ok="true">
      <Tooltip label={`${head}.${uncovered}`} multiline maw={420}>
        <Badge color="teal" variant="light">
          {v.verifiedThrough
            ? `Verified through ${fmtDateTime(v.verifiedThrough)}, ${v.events} events`
            : 'Hash chain intact, no events yet'}
        </Badge>
      </Tooltip>
    </Group>
  );
}
