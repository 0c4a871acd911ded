import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import type { ApiKey, CreatedKey } from '../../api/types';
import { fmtDate } from '../../components/format';
import { DEFAULT_EXPIRY, ExpiryPicker, type ExpiryValue, resolveExpiry } from './ExpiryPicker';
import { KeyRevealStep } from './KeyReveal';
import { type RollExpiry, useRollKey } from './keysApi';

const GRACE = [
  { value: '0', label: 'Now (the old key stops at once)' },
  { value: '3600', label: '1 hour' },
  { value: '86400', label: '24 hours' },
  { value: '604800', label: '7 days' },
];

const DAY_MS = 86_400_000;

/** "30 days" / "1 day" / "3 hours": the old key's lifetime, for the default choice's label. */
function lifetimeText(apiKey: ApiKey): string | null {
  if (!apiKey.expiresAt) return null;
  const ms = Date.parse(apiKey.expiresAt) - Date.parse(apiKey.createdAt);
  if (ms >= DAY_MS) {
    const days = Math.round(ms / DAY_MS);
    return `${days} day${days === 1 ? '' : 's'}`;
  }
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

type Choice = 'renew' | 'keep' | 'set';

/** Roll: the new key's expiry and the old key's grace period, then reveal the new key once. */
export function RollKeyModal({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const [grace, setGrace] = useState('3600');
  const [choice, setChoice] = useState<Choice>('renew');
  const [expiry, setExpiry] = useState<ExpiryValue>(DEFAULT_EXPIRY);
  const [submitted, setSubmitted] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const roll = useRollKey();
  const lifetime = lifetimeText(apiKey);
  const renewedUntil = lifetime
    ? fmtDate(
        new Date(
          Date.now() + Date.parse(apiKey.expiresAt as string) - Date.parse(apiKey.createdAt),
        ).toISOString(),
      )
    : null;
  const resolved = resolveExpiry(expiry);
  const expiryError = submitted && choice === 'set' && 'error' in resolved ? resolved.error : undefined;

  const submit = () => {
    setSubmitted(true);
    let chosen: RollExpiry = { kind: choice === 'keep' ? 'keep' : 'renew' };
    if (choice === 'set') {
      if ('error' in resolved) return;
      chosen = { kind: 'set', expiresAt: resolved.expiresAt };
    }
    roll.mutate(
      { id: apiKey.id, gracePeriodSeconds: Number(grace), expiry: chosen },
      { onSuccess: setCreated },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      // The new key is shown once: only "I have copied the key" ends that step.
      closeOnEscape={!created}
      closeOnClickOutside={!created}
      withCloseButton={!created}
      title={created ? 'New key issued' : `Roll ${apiKey.name}`}
      size="lg"
      centered
      data-testid="roll-key-dialog"
    >
      {created ? (
        <KeyRevealStep created={created} onDone={onClose} />
      ) : (
        <Stack>
          <Text size="sm">
            Rolling issues a new key with the same name and scopes. The old key <b>{apiKey.prefix}</b> keeps
            working for the grace period you choose (never past its own expiry), so you can deploy the new one
            first.
          </Text>
          {roll.error && (
            <Alert color="red" role="alert">
              {errorMessage(roll.error)}
            </Alert>
          )}
          <Radio.Group
            label="Expiry of the new key"
            value={choice}
            onChange={(v) => setChoice(v as Choice)}
            data-testid="roll-expiry"
          >
            <Stack gap="xs" mt={6}>
              <Radio
                value="renew"
                label={
                  lifetime
                    ? `Same lifetime, from today: ${lifetime} (until ${renewedUntil})`
                    : 'No expiry, like the old key'
                }
              />
              {apiKey.expiresAt && (
                <Radio value="keep" label={`Keep the old expiry (${fmtDate(apiKey.expiresAt)})`} />
              )}
              <Radio value="set" label="Choose a new expiry" />
            </Stack>
          </Radio.Group>
          {choice === 'set' && <ExpiryPicker value={expiry} onChange={setExpiry} error={expiryError} />}
          <Radio.Group
            label="Grace period for the old key"
            value={grace}
            onChange={setGrace}
            data-testid="roll-grace"
          >
            <Stack gap="xs" mt={6}>
              {GRACE.map((g) => (
                <Radio key={g.value} value={g.value} label={g.label} />
              ))}
            </Stack>
          </Radio.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button loading={roll.isPending} onClick={submit} data-testid="roll-submit">
              Roll key
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
