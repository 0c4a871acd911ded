import { Alert, Anchor, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ApiKey } from '../../api/types';
import { fmtDateTime, fmtRelative } from '../../components/format';
import { WarningIcon } from '../../components/icons';
import { useKeys } from './keysApi';

const WEEK_MS = 7 * 86_400_000;

/** Working keys that stop within 7 days (rolled keys on their way out excluded), soonest first. */
export const expiringWithinWeek = (keys: ApiKey[], now = Date.now()): ApiKey[] =>
  keys
    .filter(
      (k) =>
        k.status === 'active' &&
        !k.replacedBy &&
        !k.statusReason &&
        k.expiresAt !== null &&
        Date.parse(k.expiresAt) - now <= WEEK_MS,
    )
    .sort((a, b) => Date.parse(a.expiresAt as string) - Date.parse(b.expiresAt as string));

/** "These keys expire within 7 days" with a link to each key's page, where it can be rolled. */
export function ExpiringKeysNotice({ enabled }: { enabled: boolean }) {
  const keys = useKeys(enabled);
  const soon = expiringWithinWeek(keys.data ?? []);
  if (soon.length === 0) return null;
  return (
    <Alert
      color="orange"
      icon={<WarningIcon />}
      title={`${soon.length} API ${soon.length === 1 ? 'key expires' : 'keys expire'} within 7 days`}
      data-testid="expiring-keys"
    >
      <Text size="sm" mb={4}>
        Roll them before they stop working; requests with an expired key are refused.
      </Text>
      <List size="sm" spacing={2}>
        {soon.map((k) => (
          <List.Item key={k.id} data-testid="expiring-key">
            <Anchor component={Link} to={`/settings/api/${encodeURIComponent(k.id)}`}>
              {k.name}
            </Anchor>{' '}
            <Text span size="sm" c="dimmed" title={fmtDateTime(k.expiresAt)}>
              expires {fmtRelative(k.expiresAt)}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
