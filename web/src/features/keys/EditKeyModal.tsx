import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ApiKey } from '../../api/types';
import { fmtDateTime } from '../../components/format';
import { apiFieldError, formLevelError } from '../../components/forms';
import { KeyRestrictionsFields, restrictionsBody, restrictionsOf } from './KeyRestrictions';
import { useKeyPolicy } from './keyPolicy';
import { useUpdateKey } from './keysApi';
import { validateName } from './NewKeyModal';
import { ScopePicker } from './ScopePicker';

/** Edit a key's name, scopes, IP allow-list and rate limit; its expiry is shown but cannot change. */
export function EditKeyModal({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const [name, setName] = useState(apiKey.name);
  const [scopes, setScopes] = useState<string[]>(apiKey.scopes);
  const [restrictions, setRestrictions] = useState(() => restrictionsOf(apiKey));
  const update = useUpdateKey();
  const policy = useKeyPolicy().data;
  const nameError = validateName(name) ?? apiFieldError(update.error, 'name');
  const scopesError =
    (scopes.length === 0 ? 'Select at least one scope' : undefined) ?? apiFieldError(update.error, 'scopes');
  const topError = formLevelError(update.error, ['name', 'scopes', 'ipAllowlist', 'rateLimitPerMinute']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (validateName(name) || scopes.length === 0) return;
    update.mutate(
      { id: apiKey.id, name: name.trim(), scopes, ...restrictionsBody(restrictions) },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Edit ${apiKey.name}`}
      size="xl"
      centered
      data-testid="edit-key-dialog"
    >
      <form onSubmit={submit} noValidate aria-label="Edit API key">
        <Stack>
          {topError && (
            <Alert color="red" role="alert">
              {topError}
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError}
            data-testid="edit-key-name"
          />
          <ScopePicker value={scopes} onChange={setScopes} error={scopesError} />
          <KeyRestrictionsFields
            value={restrictions}
            onChange={setRestrictions}
            error={update.error}
            requireAllowlist={policy?.requireIpAllowlist ?? false}
          />
          <TextInput
            label="Expires"
            readOnly
            disabled
            value={apiKey.expiresAt ? fmtDateTime(apiKey.expiresAt) : 'Never'}
            description="Expiry cannot be edited. To extend it, roll the key: the new key gets a fresh expiry and the old one keeps working for the grace period you pick."
            data-testid="edit-key-expiry"
          />
          <Text size="xs" c="dimmed">
            Changes take effect immediately for every request made with this key.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} data-testid="edit-key-submit">
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
