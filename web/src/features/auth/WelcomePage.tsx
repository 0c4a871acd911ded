import { Button, Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { CopyButton } from '../../components/CopyButton';
import { ExpiringKeysNotice } from '../keys/ExpiringKeysNotice';
import { keysBlockedReason } from '../org/roles';
import { apiBaseUrl, useSession } from './session';

/** First-run screen shown after sign up: what to do next. */
export function WelcomePage() {
  const { me, org } = useSession();
  const base = apiBaseUrl();
  const blocked = keysBlockedReason(org);
  const canKeys = blocked === null;
  const canListKeys = blocked !== 'role' && blocked !== 'no_org';
  return (
    <Stack maw={760} gap="lg" data-testid="welcome">
      <div>
        <Title order={1} size="h2">
          Welcome to Klipy, {me.user.name}
        </Title>
        <Text c="dimmed">Your organization {org ? <b>{org.name}</b> : null} is ready.</Text>
      </div>
      <ExpiringKeysNotice enabled={canListKeys} />
      <Paper withBorder p="lg" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Next step: create an API key
          </Title>
          <Text size="sm">
            Integrations talk to Klipy's public REST API with a workspace-scoped API key. Create one with the
            narrowest scopes your integration needs, copy it once, and store it in a secrets manager.
          </Text>
          <Text size="sm" fw={600}>
            Base URL
          </Text>
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Code data-testid="base-url" style={{ overflowWrap: 'anywhere' }}>
              {base}
            </Code>
            <CopyButton value={base} label="Copy base URL" />
          </Group>
          <List size="sm" spacing={4}>
            <List.Item>
              Send the key as <Code>X-Klipy-Api-Key: &lt;key&gt;</Code> or{' '}
              <Code>Authorization: Bearer &lt;key&gt;</Code>.
            </List.Item>
            <List.Item>
              Check it with <Code>GET /api/v1/authenticate</Code>.
            </List.Item>
          </List>
          <Group gap="sm" mt="xs">
            {canKeys ? (
              <Button component={Link} to="/settings/api?new=1" data-testid="welcome-create-key">
                Create an API key
              </Button>
            ) : (
              <Button component={Link} to="/settings/api" variant="light">
                Why can't I create keys?
              </Button>
            )}
            <Button component="a" href="/docs" variant="default">
              Read the API reference
            </Button>
            <Button component={Link} to="/crm/people" variant="subtle">
              Go to the CRM
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
