import { Alert, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { toDateInput } from '../../components/format';
import { WarningIcon } from '../../components/icons';

export type ExpiryChoice = '7' | '30' | '60' | '90' | 'custom' | 'never';

export interface ExpiryValue {
  choice: ExpiryChoice;
  /** yyyy-mm-dd when choice is custom */
  date: string;
}

export const DEFAULT_EXPIRY: ExpiryValue = { choice: '30', date: '' };

/** What the organization's key policy allows (no limits when absent). */
export interface ExpiryLimits {
  /** The longest lifetime in days, or null. */
  maxDays: number | null;
  noExpiryAllowed: boolean;
}

export const NO_LIMITS: ExpiryLimits = { maxDays: null, noExpiryAllowed: true };

const PRESETS = ['7', '30', '60', '90'] as const;

/** Whether the policy allows `choice` (a custom date is checked when resolved). */
export function choiceAllowed(choice: ExpiryChoice, limits: ExpiryLimits): boolean {
  if (choice === 'never') return limits.noExpiryAllowed;
  if (choice === 'custom') return true;
  return limits.maxDays === null || Number(choice) <= limits.maxDays;
}

/** The default choice under the policy: 30 days, or the longest preset it allows, or a date. */
export function defaultExpiry(limits: ExpiryLimits): ExpiryValue {
  if (choiceAllowed('30', limits)) return DEFAULT_EXPIRY;
  const preset = [...PRESETS].reverse().find((p) => choiceAllowed(p, limits));
  return { choice: preset ?? 'custom', date: '' };
}

/** The ISO `expiresAt` to send, `null` for no expiry, or an error message. */
export function resolveExpiry(
  v: ExpiryValue,
  now = new Date(),
  limits: ExpiryLimits = NO_LIMITS,
): { expiresAt: string | null } | { error: string } {
  if (!choiceAllowed(v.choice, limits)) {
    return { error: "Your organization's key policy does not allow this expiry" };
  }
  if (v.choice === 'never') return { expiresAt: null };
  if (v.choice === 'custom') {
    if (!v.date) return { error: 'Pick an expiry date' };
    // End of the chosen local day, so "expires on 12 May" works through 12 May.
    let d = new Date(`${v.date}T23:59:59`);
    if (Number.isNaN(d.getTime())) return { error: 'Enter a valid date' };
    if (d.getTime() <= now.getTime()) return { error: 'The expiry date must be in the future' };
    if (limits.maxDays !== null) {
      const longest = now.getTime() + limits.maxDays * 86_400_000;
      // The last allowed day ends at the policy's limit, not at midnight after it.
      if (toDateInput(d) === toDateInput(new Date(longest)) && d.getTime() > longest)
        d = new Date(longest - 60_000);
      if (d.getTime() > longest) {
        return { error: `Your organization's key policy allows at most ${limits.maxDays} days` };
      }
    }
    return { expiresAt: d.toISOString() };
  }
  return { expiresAt: new Date(now.getTime() + Number(v.choice) * 86_400_000).toISOString() };
}

export function ExpiryPicker({
  value,
  onChange,
  error,
  limits = NO_LIMITS,
}: {
  value: ExpiryValue;
  onChange: (v: ExpiryValue) => void;
  error?: string;
  limits?: ExpiryLimits;
}) {
  const tomorrow = toDateInput(new Date(Date.now() + 86_400_000));
  const latest =
    limits.maxDays === null ? undefined : toDateInput(new Date(Date.now() + limits.maxDays * 86_400_000));
  const limited = limits.maxDays !== null || !limits.noExpiryAllowed;
  return (
    <Stack gap="xs">
      <Radio.Group
        label="Expiry"
        description="Expiry cannot be changed after the key is created."
        value={value.choice}
        onChange={(c) => onChange({ ...value, choice: c as ExpiryChoice })}
        data-testid="expiry-choice"
      >
        <Group gap="md" mt={6}>
          {PRESETS.map((p) => (
            <Radio key={p} value={p} label={`${p} days`} disabled={!choiceAllowed(p, limits)} />
          ))}
          <Radio value="custom" label="Custom date" />
          <Radio value="never" label="No expiry" disabled={!choiceAllowed('never', limits)} />
        </Group>
      </Radio.Group>
      {limited && (
        <Text size="xs" c="dimmed" data-testid="expiry-policy-note">
          Your organization's key policy:{' '}
          {limits.maxDays !== null ? `keys expire within ${limits.maxDays} days` : 'keys must expire'}.
        </Text>
      )}
      {value.choice === 'custom' && (
        <TextInput
          type="date"
          label="Expiry date"
          min={tomorrow}
          max={latest}
          value={value.date}
          onChange={(e) => onChange({ ...value, date: e.currentTarget.value })}
          error={error}
          maw={220}
          data-testid="expiry-date"
        />
      )}
      {value.choice !== 'custom' && error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {value.choice === 'never' && (
        <Alert
          color="yellow"
          icon={<WarningIcon />}
          title="This key will never expire"
          data-testid="no-expiry-warning"
        >
          Use no expiry only for long-lived service accounts whose rotation you manage elsewhere. Prefer a
          short expiry and roll the key programmatically.
        </Alert>
      )}
    </Stack>
  );
}
