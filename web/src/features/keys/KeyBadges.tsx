import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { ApiKey } from '../../api/types';
import { fmtDate, fmtDateTime, fmtRelative } from '../../components/format';
import { VIOLATION_TEXT } from './keyPolicy';
import { expiresSoon } from './keysApi';
import { scopeColor } from './scopes';

const STATUS_COLOR = {
  active: 'teal',
  expired: 'gray',
  revoked: 'red',
  inactive: 'orange',
  rolled: 'yellow',
} as const;

/** Why a key does not work, in words (the server's `statusReason`). */
const REASON_TEXT: Record<NonNullable<ApiKey['statusReason']>, string> = {
  expired: 'Past its expiry date',
  revoked: 'Revoked',
  rolled: 'Replaced by a rolled key',
  member_removed: 'Revoked: its creator was removed from the organization',
  leaked: 'Revoked: found leaked',
  creator_removed: 'Its creator is no longer a member',
  plan: "The organization's plan does not include API access",
  api_disabled: 'Developer API turned off by the platform operator',
};

/**
 * The key's status, and under it why the key does not work when it does not: a key can
 * be "active" by its own dates yet refused because the organization lost API access.
 */
export function StatusBadge({ apiKey }: { apiKey: ApiKey }) {
  const reason = apiKey.statusReason ?? null;
  // A rolled key still works through its grace period, but it is on its way out: not green.
  const shown =
    apiKey.status === 'active' && reason
      ? 'inactive'
      : apiKey.status === 'active' && apiKey.replacedBy
        ? 'rolled'
        : apiKey.status;
  return (
    <div>
      <Badge
        color={STATUS_COLOR[shown]}
        variant="light"
        data-testid="key-status"
        style={{ flexShrink: 0, overflow: 'visible' }}
      >
        {shown}
      </Badge>
      {reason && reason !== apiKey.status && (
        <Text size="xs" c="dimmed" data-testid="key-status-reason" maw={180}>
          {REASON_TEXT[reason]}
        </Text>
      )}
    </div>
  );
}

export function PlaygroundTag({ apiKey }: { apiKey: ApiKey }) {
  if (apiKey.kind !== 'playground') return null;
  return (
    <Badge
      color="violet"
      variant="outline"
      size="xs"
      data-testid="playground-tag"
      style={{ flexShrink: 0, overflow: 'visible' }}
    >
      playground
    </Badge>
  );
}

export function ScopeBadges({ scopes }: { scopes: string[] }) {
  return (
    <Group gap={4} data-testid="key-scopes">
      {scopes.map((s) => (
        <Badge key={s} size="xs" variant="light" color={scopeColor(s)} tt="none" ff="monospace">
          {s}
        </Badge>
      ))}
    </Group>
  );
}

/** Expiry date, flagged when an active key expires within 7 days. */
export function ExpiryCell({ apiKey }: { apiKey: ApiKey }) {
  if (!apiKey.expiresAt)
    return (
      <Text size="sm" c="dimmed">
        Never
      </Text>
    );
  const soon = expiresSoon(apiKey);
  return (
    <Tooltip label={`${fmtDateTime(apiKey.expiresAt)} (${fmtRelative(apiKey.expiresAt)})`}>
      <div>
        <Text size="sm">{fmtDate(apiKey.expiresAt)}</Text>
        {soon && (
          <Text size="xs" c="orange.8">
            {fmtRelative(apiKey.expiresAt)}
          </Text>
        )}
        {soon && (
          <Badge
            color="orange"
            size="xs"
            variant="filled"
            data-testid="expires-soon"
            style={{ overflow: 'visible' }}
          >
            Expires soon
          </Badge>
        )}
      </div>
    </Tooltip>
  );
}

export function LastUsedCell({ apiKey }: { apiKey: ApiKey }) {
  if (!apiKey.lastUsedAt)
    return (
      <Text size="sm" c="dimmed">
        Never used
      </Text>
    );
  return (
    <div>
      <Text size="sm" title={fmtDateTime(apiKey.lastUsedAt)}>
        {fmtRelative(apiKey.lastUsedAt)}
      </Text>
      {apiKey.lastUsedIp && (
        <Text size="xs" c="dimmed" ff="monospace">
          {apiKey.lastUsedIp}
        </Text>
      )}
    </div>
  );
}

/**
 * Shown under a key that was rolled. A rolled key gets a revocation time at the end of
 * its grace period (never after its own expiry), so it keeps working until then.
 */
export function RolledNote({ apiKey }: { apiKey: ApiKey }) {
  if (!apiKey.replacedBy) return null;
  const ends = apiKey.revokedAt ?? apiKey.expiresAt;
  return (
    <Text size="xs" c="dimmed" data-testid="key-rolled">
      Rolled{apiKey.status === 'active' && ends ? `, stops ${fmtRelative(ends)}` : ''}
    </Text>
  );
}

/** "Breaks policy" under an active key that violates the organization's key policy, with why. */
export function PolicyFlags({ apiKey }: { apiKey: ApiKey }) {
  const violations = apiKey.policyViolations ?? [];
  if (violations.length === 0) return null;
  const why = violations.map((v) => VIOLATION_TEXT[v]).join('. ');
  return (
    <Tooltip label={why} multiline maw={280}>
      <Badge
        color="red"
        variant="outline"
        size="xs"
        mt={4}
        tabIndex={0}
        aria-label={`Breaks the key policy: ${why}`}
        data-testid="key-policy-violations"
        data-violations={violations.join(',')}
        style={{ overflow: 'visible' }}
      >
        Breaks policy
      </Badge>
    </Tooltip>
  );
}
