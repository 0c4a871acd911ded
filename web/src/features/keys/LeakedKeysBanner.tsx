import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ApiKey } from '../../api/types';
import { fmtDateTime } from '../../components/format';

/** How long a leak stays announced on the key list. */
const RECENT_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Keys revoked because secret scanning found them published (reason `leaked`) in the last
 * 30 days: the integrations using them have stopped and need a new key.
 */
export function LeakedKeysBanner({ keys }: { keys: ApiKey[] }) {
  const leaked = keys.filter(
    (k) => k.statusReason === 'leaked' && k.revokedAt && Date.now() - Date.parse(k.revokedAt) < RECENT_MS,
  );
  if (leaked.length === 0) return null;
  return (
    <Alert color="red" mb="md" title="Leaked keys were revoked" data-testid="leaked-keys-banner">
      {leaked.map((k) => (
        <Text size="sm" key={k.id}>
          “{k.name}” ({k.prefix}…) was found published and revoked {fmtDateTime(k.revokedAt)}.
        </Text>
      ))}
      <Text size="sm" mt="xs">
        Create a replacement, put it in place, and remove the old key from wherever it was published. The{' '}
        <Anchor component={Link} to="/audit">
          audit log
        </Anchor>{' '}
        says where it was found (<code>api_key.revoked</code>, <code>metadata.leak</code>).
      </Text>
    </Alert>
  );
}
