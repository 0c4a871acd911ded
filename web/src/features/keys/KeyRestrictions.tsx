import { Badge, Group, NumberInput, Stack, Textarea, Tooltip } from '@mantine/core';
import { ApiError } from '../../api/client';
import type { ApiKey } from '../../api/types';
import { useUsage } from './keysApi';

/** What the restriction inputs hold: the allow-list as typed, the limit as a number or empty. */
export interface RestrictionsValue {
  allowText: string;
  limit: number | '';
}

export const restrictionsOf = (
  k?: Pick<ApiKey, 'ipAllowlist' | 'rateLimitPerMinute'>,
): RestrictionsValue => ({
  allowText: (k?.ipAllowlist ?? []).join('\n'),
  limit: k?.rateLimitPerMinute ?? '',
});

/** One CIDR range or address per line (commas and spaces also separate), blanks ignored. */
export const allowlistOf = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The request fields for a value. */
export const restrictionsBody = (v: RestrictionsValue) => ({
  ipAllowlist: allowlistOf(v.allowText),
  rateLimitPerMinute: v.limit === '' ? null : v.limit,
});

/** Server field errors on the allow-list, one per bad entry ("Line 2: …"). */
function allowlistErrors(err: unknown, text: string): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const fields = err.details.fields ?? [];
  const entries = allowlistOf(text);
  const lines = fields
    .filter((f) => f.path === 'ipAllowlist' || f.path.startsWith('ipAllowlist.'))
    .map((f) => {
      const index = Number(f.path.split('.')[1]);
      return Number.isInteger(index)
        ? `Entry ${index + 1} (${entries[index] ?? '?'}) ${f.message.replace(/^"[^"]*" /, '')}`
        : `The allow-list ${f.message}`;
    });
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function limitError(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const hit = (err.details.fields ?? []).find((f) => f.path === 'rateLimitPerMinute');
  return hit ? `Must be ${hit.message.replace(/^must be /, '')}` : undefined;
}

/** The allow-list and per-key limit inputs of the new-key and edit-key dialogs. */
export function KeyRestrictionsFields({
  value,
  onChange,
  error,
  requireAllowlist = false,
}: {
  value: RestrictionsValue;
  onChange: (v: RestrictionsValue) => void;
  error: unknown;
  requireAllowlist?: boolean;
}) {
  // The organization's per-key limit in force (the plan's, or the operator's override).
  const planLimit = useUsage(null, '24h').data?.limits.key.limit;
  const count = allowlistOf(value.allowText).length;
  return (
    <Stack gap="sm">
      <Textarea
        label="IP allow-list"
        description={`One IPv4 or IPv6 address or CIDR range per line (e.g. 203.0.113.0/24, 2001:db8::/32). Empty: any address.${requireAllowlist ? ' Your organization’s key policy requires at least one range.' : ''}`}
        placeholder={'203.0.113.0/24\n2001:db8::/32'}
        autosize
        minRows={2}
        maxRows={8}
        value={value.allowText}
        onChange={(e) => onChange({ ...value, allowText: e.currentTarget.value })}
        error={
          allowlistErrors(error, value.allowText) ??
          (count > 50 ? `At most 50 entries (${count} now)` : undefined)
        }
        styles={{ error: { whiteSpace: 'pre-line' } }}
        data-testid="key-ip-allowlist"
      />
      <NumberInput
        label="Rate limit (requests per minute)"
        description={
          planLimit
            ? `Empty: your plan’s per-key limit (${planLimit} per minute). At most ${planLimit}.`
            : 'Empty: your plan’s per-key limit.'
        }
        placeholder={planLimit ? `${planLimit} (plan limit)` : 'Plan limit'}
        min={1}
        max={planLimit}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="none"
        value={value.limit}
        onChange={(v) => onChange({ ...value, limit: typeof v === 'number' ? v : v === '' ? '' : Number(v) })}
        error={limitError(error)}
        data-testid="key-rate-limit"
      />
    </Stack>
  );
}

/** Badges for the key list: allow-list size and own limit, when set. */
export function RestrictionBadges({ apiKey }: { apiKey: ApiKey }) {
  const list = apiKey.ipAllowlist ?? [];
  if (list.length === 0 && apiKey.rateLimitPerMinute == null) return null;
  return (
    <Group gap={4} wrap="wrap">
      {list.length > 0 && (
        <Tooltip label={list.join(', ')} multiline maw={320}>
          <Badge size="xs" variant="outline" color="grape" data-testid="key-ip-badge">
            {list.length === 1 ? list[0] : `${list.length} IP ranges`}
          </Badge>
        </Tooltip>
      )}
      {apiKey.rateLimitPerMinute != null && (
        <Badge size="xs" variant="outline" color="cyan" data-testid="key-limit-badge">
          {apiKey.rateLimitPerMinute}/min
        </Badge>
      )}
    </Group>
  );
}
