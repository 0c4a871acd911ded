import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import type { ApiKey, CreatedKey } from '../../api/types';
import { KeyRevealStep } from './KeyReveal';
import { useRollKey } from './keysApi';

const GRACE = [
  { value: '0', label: 'Now (the old key stops at once)' },
  { value: '3600', label: '1 hour' },
  { value: '86400', label: '24 hours' },
  { value: '604800', label: '7 days' },
];

/** Roll: pick how long the old key keeps working, then reveal the new key once. */
export function RollKeyModal({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const [grace, setGrace] = useState('3600');
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const roll = useRollKey();
  return (
    <Modal
      opened
      onClose={onClose}
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
            <Button
              loading={roll.isPending}
              onClick={() =>
                roll.mutate({ id: apiKey.id, gracePeriodSeconds: Number(grace) }, { onSuccess: setCreated })
              }
              data-testid="roll-submit"
            >
              Roll key
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
