import { Checkbox, Fieldset, Input, SimpleGrid, Stack, Text } from '@mantine/core';
import { capAllows } from './keyPolicy';
import { useScopes } from './keysApi';
import { ACTIONS, COARSE, DEFAULT_DESCRIPTIONS, RESOURCES } from './scopes';

interface Props {
  value: string[];
  onChange: (scopes: string[]) => void;
  error?: string;
  /** The widest scopes the key policy lets this user grant (null: no cap). */
  cap?: string[] | null;
}

/**
 * The coarse scope in `held` that already grants `scope` (the server's scopeGrants rules:
 * ALL grants everything, `write` every read/write/remove and `read`, `read` every read).
 */
export function coveredBy(scope: string, held: string[]): string | null {
  if (scope === 'ALL') return null;
  if (held.includes('ALL')) return 'ALL';
  if (scope === 'write') return null;
  if (held.includes('write')) return 'write';
  if (scope !== 'read' && scope.endsWith(':read') && held.includes('read')) return 'read';
  return null;
}

/**
 * Scope checkboxes: the coarse `ALL` / `read` / `write` scopes, then one group per
 * resource with read / write / remove. Nothing is ticked by default (PRODUCT.md §3.3).
 * Each checkbox's accessible name is the scope string itself, e.g. "people:read".
 */
export function ScopePicker({ value, onChange, error, cap = null }: Props) {
  const { data } = useScopes();
  const desc = (scope: string) =>
    data?.scopes.find((s) => s.scope === scope)?.description ?? DEFAULT_DESCRIPTIONS[scope] ?? '';
  // Ticking a coarse scope drops the finer ones it now grants, so the key lists what it holds.
  const toggle = (scope: string, on: boolean) =>
    onChange(
      on
        ? [...value.filter((s) => s !== scope && coveredBy(s, [scope]) === null), scope]
        : value.filter((s) => s !== scope),
    );
  const box = (scope: string, label?: string) => {
    const by = coveredBy(scope, value);
    // Beyond the policy's cap: not offered (a scope already held stays untickable only if covered).
    const capped = !capAllows(cap, scope) && !value.includes(scope);
    return (
      <Checkbox
        key={scope}
        value={scope}
        checked={by !== null || value.includes(scope)}
        disabled={by !== null || capped}
        onChange={(e) => toggle(scope, e.currentTarget.checked)}
        label={
          <Text span size="sm" ff="monospace">
            {label ?? scope}
          </Text>
        }
        description={
          by ? `Included in ${by}` : capped ? 'Beyond what the key policy lets you grant' : desc(scope)
        }
        data-testid={`scope-${scope}`}
        data-covered-by={by ?? undefined}
        data-policy-capped={capped || undefined}
      />
    );
  };

  return (
    <Input.Wrapper
      label="Scopes"
      required
      description={
        cap
          ? `Pick the minimum the integration needs. At least one. Your organization's key policy lets your role grant at most: ${cap.join(', ')}.`
          : 'Pick the minimum the integration needs. At least one.'
      }
      error={error}
    >
      <Stack gap="sm" mt={6} role="group" aria-label="Scopes" data-testid="scope-picker">
        <Fieldset legend="Coarse scopes" variant="filled" p="sm">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
            {COARSE.map((c) => box(c.scope))}
          </SimpleGrid>
        </Fieldset>
        {RESOURCES.map((r) => (
          <Fieldset key={r.id} legend={r.label} p="sm">
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
              {ACTIONS.map((a) => box(`${r.id}:${a.id}`))}
            </SimpleGrid>
          </Fieldset>
        ))}
      </Stack>
    </Input.Wrapper>
  );
}
