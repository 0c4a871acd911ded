import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { KeyCreatorRole, KeyPolicy } from '../../api/types';
import { apiFieldError, formLevelError } from '../../components/forms';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useSession } from '../auth/session';
import { atLeast } from '../org/roles';
import { useKeyPolicy, useUpdateKeyPolicy } from './keyPolicy';
import { COARSE, RESOURCES } from './scopes';

const CREATOR_ROLES: KeyCreatorRole[] = ['owner', 'admin', 'developer'];
const SCOPE_OPTIONS = [
  ...COARSE.map((c) => c.scope as string),
  ...RESOURCES.flatMap((r) => ['read', 'write', 'remove'].map((a) => `${r.id}:${a}`)),
];

/** Client-side checks of what the client can know; the server has the last word. */
export function validatePolicy(p: KeyPolicy): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  const days = (v: number | null, min: number) =>
    v === null || (Number.isInteger(v) && v >= min && v <= 3650)
      ? undefined
      : `Enter a whole number from ${min} to 3650`;
  const lifetime = days(p.maxLifetimeDays, 1);
  if (lifetime) errors.maxLifetimeDays = lifetime;
  const dormant = days(p.dormantDays, 1);
  if (dormant) errors.dormantDays = dormant;
  if (p.creatorRoles.length === 0) errors.creatorRoles = 'At least one role must be able to create keys';
  return errors;
}

/**
 * Settings → Key policy: owners and admins set the organization's key policy; developers
 * see it read-only (the New key dialog applies it). Existing keys are flagged, not changed.
 */
export function KeyPolicyPage() {
  const { role } = useSession();
  const canRead = atLeast(role, 'developer');
  const canEdit = atLeast(role, 'admin');
  const current = useKeyPolicy(canRead);
  const save = useUpdateKeyPolicy();
  const [draft, setDraft] = useState<KeyPolicy | null>(null);
  const [submitted, setSubmitted] = useState(false);
  useEffect(() => {
    if (current.data && !draft) setDraft(current.data);
  }, [current.data, draft]);

  if (!canRead) {
    return (
      <>
        <PageHeader title="Key policy" />
        <Alert color="blue">
          The key policy is visible to developers, admins and owners. Your role is {role}.
        </Alert>
      </>
    );
  }
  if (current.isPending || !draft) {
    return current.error ? (
      <ErrorAlert error={current.error} title="Could not load the key policy" />
    ) : (
      <Loading />
    );
  }

  const set = <K extends keyof KeyPolicy>(k: K, v: KeyPolicy[K]) => {
    setDraft({ ...draft, [k]: v });
    save.reset();
  };
  const local = submitted ? validatePolicy(draft) : {};
  const err = (field: string) => local[field] ?? apiFieldError(save.error, field);
  const top = formLevelError(save.error, [
    'maxLifetimeDays',
    'dormantDays',
    'creatorRoles',
    'maxScopesByRole',
  ]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(validatePolicy(draft)).length > 0) return;
    const { updatedAt: _a, updatedBy: _b, ...body } = draft;
    save.mutate(body);
  };

  return (
    <>
      <PageHeader
        title="Key policy"
        description={
          <>
            Rules every new, edited or rolled API key of this organization must follow. Existing keys that
            break them are flagged on the <Link to="/settings/api">key list</Link>, not changed.
          </>
        }
      />
      <Paper withBorder p="lg" maw={720}>
        {!canEdit && (
          <Alert color="blue" mb="md" data-testid="policy-readonly">
            Owners and admins set the key policy. Your role is {role}: you see it as the New key dialog
            applies it.
          </Alert>
        )}
        <form onSubmit={submit} aria-label="Key policy" noValidate>
          <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
            <Stack>
              {top && (
                <Alert color="red" role="alert" data-testid="policy-error">
                  {top}
                </Alert>
              )}
              {save.isSuccess && (
                <Alert color="teal" data-testid="policy-saved">
                  Saved. The policy applies to the next key created, edited or rolled.
                </Alert>
              )}
              <Fieldset legend="Expiry">
                <Stack gap="sm">
                  <Checkbox
                    label="Limit how long keys may live"
                    checked={draft.maxLifetimeDays !== null}
                    onChange={(e) => set('maxLifetimeDays', e.currentTarget.checked ? 90 : null)}
                    data-testid="policy-limit-lifetime"
                  />
                  {draft.maxLifetimeDays !== null && (
                    <NumberInput
                      label="Maximum lifetime (days)"
                      description="New keys and rolls must expire within this many days. Implies keys must expire."
                      min={1}
                      max={3650}
                      allowDecimal={false}
                      clampBehavior="none"
                      value={draft.maxLifetimeDays}
                      onChange={(v) => set('maxLifetimeDays', typeof v === 'number' ? v : Number.NaN)}
                      error={err('maxLifetimeDays')}
                      maw={260}
                      data-testid="policy-max-lifetime"
                    />
                  )}
                  <Switch
                    label="Allow keys without expiry"
                    description={
                      draft.maxLifetimeDays !== null
                        ? 'Not possible while a maximum lifetime is set.'
                        : undefined
                    }
                    checked={draft.allowNoExpiry && draft.maxLifetimeDays === null}
                    disabled={draft.maxLifetimeDays !== null}
                    onChange={(e) => set('allowNoExpiry', e.currentTarget.checked)}
                    data-testid="policy-allow-no-expiry"
                  />
                </Stack>
              </Fieldset>
              <Fieldset legend="Who may create keys">
                <Checkbox.Group
                  value={draft.creatorRoles}
                  onChange={(v) => set('creatorRoles', v as KeyCreatorRole[])}
                  description="Members can never create keys."
                  error={err('creatorRoles')}
                  data-testid="policy-creator-roles"
                >
                  <Group mt="xs">
                    {CREATOR_ROLES.map((r) => (
                      <Checkbox key={r} value={r} label={r} data-testid={`policy-creator-${r}`} />
                    ))}
                  </Group>
                </Checkbox.Group>
              </Fieldset>
              <Fieldset legend="Widest scopes each role may grant">
                <Stack gap="sm">
                  <Text size="xs" c="dimmed">
                    Empty: no cap beyond the role's own limit. Applies when a key is created, widened or
                    rolled; narrowing is always allowed.
                  </Text>
                  {CREATOR_ROLES.map((r) => (
                    <MultiSelect
                      key={r}
                      label={r}
                      placeholder="No cap"
                      data={SCOPE_OPTIONS}
                      value={draft.maxScopesByRole[r] ?? []}
                      onChange={(v) => {
                        const next = { ...draft.maxScopesByRole };
                        if (v.length === 0) delete next[r];
                        else next[r] = v;
                        set('maxScopesByRole', next);
                      }}
                      error={apiFieldError(save.error, `maxScopesByRole.${r}`)}
                      clearable
                      data-testid={`policy-cap-${r}`}
                    />
                  ))}
                </Stack>
              </Fieldset>
              <Fieldset legend="Network and hygiene">
                <Stack gap="sm">
                  <Switch
                    label="Require an IP allow-list on every key"
                    checked={draft.requireIpAllowlist}
                    onChange={(e) => set('requireIpAllowlist', e.currentTarget.checked)}
                    data-testid="policy-require-ip"
                  />
                  <NumberInput
                    label="Flag keys unused for (days)"
                    description="Such keys are shown as dormant, with a one-click revoke."
                    min={1}
                    max={3650}
                    allowDecimal={false}
                    clampBehavior="none"
                    value={draft.dormantDays}
                    onChange={(v) => set('dormantDays', typeof v === 'number' ? v : Number.NaN)}
                    error={err('dormantDays')}
                    maw={260}
                    data-testid="policy-dormant-days"
                  />
                </Stack>
              </Fieldset>
              {canEdit && (
                <Group>
                  <Button type="submit" loading={save.isPending} data-testid="policy-save">
                    Save policy
                  </Button>
                </Group>
              )}
            </Stack>
          </fieldset>
        </form>
      </Paper>
    </>
  );
}
