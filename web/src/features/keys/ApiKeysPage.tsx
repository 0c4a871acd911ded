import { Box, Button, Code, Group, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { apiBaseUrl, useSession } from '../auth/session';
import { keysBlockedReason } from '../org/roles';
import { KeyCards } from './KeyCards';
import { applyKeyView, DEFAULT_VIEW, KeyListControls, type KeyListView } from './KeyListControls';
import { KeySummaryBar } from './KeySummaryBar';
import { KeysBlocked } from './KeysBlocked';
import { KeysTable } from './KeysTable';
import { useKeys } from './keysApi';
import { LeakedKeysBanner } from './LeakedKeysBanner';
import { NewKeyModal } from './NewKeyModal';

/** Settings → API: the key list and the "New API key" dialog. */
export function ApiKeysPage() {
  const { org } = useSession();
  const blocked = keysBlockedReason(org);
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(params.get('new') === '1' && blocked === null);
  // A member cannot list keys at all; a plan/flag block still lets developers see existing keys.
  const canList = blocked !== 'role' && blocked !== 'no_org';
  const keys = useKeys(canList);
  const mobile = useMediaQuery('(max-width: 48em)');
  const [view, setView] = useState<KeyListView>(DEFAULT_VIEW);
  const shown = applyKeyView(keys.data ?? [], view);

  const closeNew = () => {
    setOpen(false);
    if (params.has('new')) setParams({}, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys authenticate integrations against <Code>{apiBaseUrl()}</Code>. Send one as{' '}
            <Code>X-Klipy-Api-Key</Code> or <Code>Authorization: Bearer</Code>.
          </>
        }
        actions={
          <Group gap="xs">
            {canList && (
              <Button
                component={Link}
                to="/settings/api/policy"
                variant="default"
                data-testid="key-policy-link"
              >
                Key policy
              </Button>
            )}
            {blocked === null && (
              <Button onClick={() => setOpen(true)} data-testid="new-key-button">
                New API key
              </Button>
            )}
          </Group>
        }
      />
      {blocked !== null && <KeysBlocked reason={blocked} org={org} />}
      {keys.data && <LeakedKeysBanner keys={keys.data} />}
      {canList && <KeySummaryBar />}
      {canList && (
        <Box mt={blocked ? 'lg' : 0}>
          {keys.isPending ? (
            <Loading label="Loading keys…" />
          ) : keys.error ? (
            <ErrorAlert error={keys.error} title="Could not load API keys" />
          ) : keys.data.length === 0 ? (
            <EmptyState title="No API keys yet">
              {blocked === null
                ? 'Create a key for each integration, with the narrowest scopes it needs.'
                : 'Keys will appear here once they can be created.'}
            </EmptyState>
          ) : (
            <>
              <KeyListControls value={view} onChange={setView} />
              {shown.length === 0 ? (
                <EmptyState title="No keys match">Change the search or the status filter.</EmptyState>
              ) : mobile ? (
                <KeyCards keys={shown} />
              ) : (
                <KeysTable keys={shown} />
              )}
            </>
          )}
        </Box>
      )}
      {keys.data && keys.data.length > 0 && (
        <Text size="xs" c="dimmed" mt="sm">
          Keys flagged “Expires soon” stop working within 7 days: roll them before they do.
        </Text>
      )}
      <NewKeyModal opened={open} onClose={closeNew} />
    </>
  );
}
