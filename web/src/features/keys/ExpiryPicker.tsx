import { Alert, Group, Radio, Stack, TextInput } from '@mantine/core';
import { toDateInput } from '../../components/format';
import { WarningIcon } from '../../components/icons';

export type ExpiryChoice = '7' | '30' | '60' | '90' | 'custom' | 'never';

export interface ExpiryValue {
  choice: ExpiryChoice;
  /** yyyy-mm-dd when choice is custom */
  date: string;
}

export const DEFAULT_EXPIRY: ExpiryValue = { choice: '30', date: '' };

/** The ISO `expiresAt` to send, `null` for no expiry, or an error message. */
export function resolveExpiry(
  v: ExpiryValue,
  now = new Date(),
): { expiresAt: string | null } | { error: string } {
  if (v.choice === 'never') return { expiresAt: null };
  if (v.choice === 'custom') {
    if (!v.date) return { error: 'Pick an expiry date' };
    // End of the chosen local day, so "expires on 12 May" works through 12 May.
    const d = new Date(`${v.date}T23:59:59`);
    if (Number.isNaN(d.getTime())) return { error: 'Enter a valid date' };
    if (d.getTime() <= now.getTime()) return { error: 'The expiry date must be in the future' };
    return { expiresAt: d.toISOString() };
  }
  return { expiresAt: new Date(now.getTime() + Number(v.choice) * 86_400_000).toISOString() };
}

export function ExpiryPicker({
  value,
  onChange,
  error,
}: {
  value: ExpiryValue;
  onChange: (v: ExpiryValue) => void;
  error?: string;
}) {
  const tomorrow = toDateInput(new Date(Date.now() + 86_400_000));
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
          <Radio value="7" label="7 days" />
          <Radio value="30" label="30 days" />
          <Radio value="60" label="60 days" />
          <Radio value="90" label="90 days" />
          <Radio value="custom" label="Custom date" />
          <Radio value="never" label="No expiry" />
        </Group>
      </Radio.Group>
      {value.choice === 'custom' && (
        <TextInput
          type="date"
          label="Expiry date"
          min={tomorrow}
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
