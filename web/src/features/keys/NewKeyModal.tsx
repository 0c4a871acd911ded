import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import type { CreatedKey } from '../../api/types';
import { apiFieldError, formLevelError } from '../../components/forms';
import { ME_KEY, useSession } from '../auth/session';
import {
  choiceAllowed,
  DEFAULT_EXPIRY,
  defaultExpiry,
  type ExpiryLimits,
  ExpiryPicker,
  type ExpiryValue,
  resolveExpiry,
} from './ExpiryPicker';
import { KeyRestrictionsFields, restrictionsBody, restrictionsOf } from './KeyRestrictions';
import { KeyRevealStep } from './KeyReveal';
import { capOf, maxDaysOf, noExpiryAllowed, useKeyPolicy } from './keyPolicy';
import { useCreateKey } from './keysApi';
import { ScopePicker } from './ScopePicker';

export function validateName(name: string): string | undefined {
  const n = name.trim();
  if (n.length === 0) return 'Name is required';
  if (n.length > 100) return `Name must be at most 100 characters (${n.length} now)`;
  return undefined;
}

/** "New API key" dialog: the form, then the one-time reveal of the created key. */
export function NewKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<ExpiryValue>(DEFAULT_EXPIRY);
  const [restrictions, setRestrictions] = useState(() => restrictionsOf());
  const [submitted, setSubmitted] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const create = useCreateKey();
  const qc = useQueryClient();
  const { org } = useSession();
  const policy = useKeyPolicy(opened).data;
  const maxDays = maxDaysOf(policy);
  const noExpiryOk = noExpiryAllowed(policy);
  const limits: ExpiryLimits = useMemo(
    () => ({ maxDays, noExpiryAllowed: noExpiryOk }),
    [maxDays, noExpiryOk],
  );
  const cap = capOf(policy, org?.role);
  const mayCreate = !policy || !org || (policy.creatorRoles as string[]).includes(org.role);
  // Once the policy is known, move off a default it forbids (the user sees why in the note).
  useEffect(() => {
    if (policy && !choiceAllowed(expiry.choice, limits)) setExpiry(defaultExpiry(limits));
  }, [policy, expiry.choice, limits]);

  const reset = () => {
    setName('');
    setScopes([]);
    setExpiry(DEFAULT_EXPIRY);
    setRestrictions(restrictionsOf());
    setSubmitted(false);
    setCreated(null);
    create.reset();
  };
  const close = () => {
    onClose();
    // Forget the plaintext as soon as the dialog closes.
    setTimeout(reset, 200);
  };

  const nameError =
    (submitted || name.length > 0 ? validateName(name) : undefined) ?? apiFieldError(create.error, 'name');
  const scopesError =
    (submitted && scopes.length === 0 ? 'Select at least one scope' : undefined) ??
    apiFieldError(create.error, 'scopes');
  const resolved = resolveExpiry(expiry, new Date(), limits);
  const expiryError =
    (submitted && 'error' in resolved ? resolved.error : undefined) ??
    apiFieldError(create.error, 'expiresAt');
  const topError = formLevelError(create.error, [
    'name',
    'scopes',
    'expiresAt',
    'ipAllowlist',
    'rateLimitPerMinute',
  ]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!mayCreate || validateName(name) || scopes.length === 0 || 'error' in resolved) return;
    create.mutate(
      { name: name.trim(), scopes, expiresAt: resolved.expiresAt, ...restrictionsBody(restrictions) },
      {
        onSuccess: setCreated,
        // A 403 (plan, api_disabled, role) means our cached org is stale: refresh it so the
        // page explains why keys cannot be created.
        onError: (err) => {
          if (err instanceof ApiError && err.status === 403) void qc.invalidateQueries({ queryKey: ME_KEY });
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'API key created' : 'New API key'}
      // Once the key is shown, only "I have copied the key" closes the dialog: a slip of
      // Escape or a click outside must not lose a key that is never shown again.
      closeOnEscape={!created}
      closeOnClickOutside={!created}
      withCloseButton={!created}
      size="xl"
      fullScreen={false}
      centered
      data-testid="new-key-dialog"
    >
      {created ? (
        <KeyRevealStep created={created} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate aria-label="New API key">
          <Stack>
            {!mayCreate && policy && (
              <Alert color="yellow" data-testid="new-key-policy-role">
                Your organization's key policy lets only {policy.creatorRoles.join(', ')} create API keys. Ask
                an admin to create this key, or to change the policy in Settings → Key policy.
              </Alert>
            )}
            {topError && (
              <Alert color="red" role="alert" data-testid="new-key-error">
                {topError}
              </Alert>
            )}
            <TextInput
              label="Name"
              description="What the key is for, e.g. data-warehouse-sync. 1–100 characters."
              required
              data-autofocus
              value={name}
              maxLength={200}
              onChange={(e) => setName(e.currentTarget.value)}
              error={nameError}
              data-testid="new-key-name"
            />
            <ScopePicker value={scopes} onChange={setScopes} error={scopesError} cap={cap} />
            <ExpiryPicker value={expiry} onChange={setExpiry} error={expiryError} limits={limits} />
            {opened && (
              <KeyRestrictionsFields
                value={restrictions}
                onChange={setRestrictions}
                error={create.error}
                requireAllowlist={policy?.requireIpAllowlist ?? false}
              />
            )}
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={close} data-testid="new-key-cancel">
                Cancel
              </Button>
              <Button
                type="submit"
                loading={create.isPending}
                disabled={!mayCreate}
                data-testid="new-key-submit"
              >
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
