import { Alert, List, Text } from '@mantine/core';
import type { OrgMembership } from '../../api/types';
import { WarningIcon } from '../../components/icons';

type Reason = 'role' | 'plan' | 'api_disabled' | 'no_org';

/** Explains why API keys cannot be managed here, instead of letting a request fail. */
export function KeysBlocked({ reason, org }: { reason: Reason; org: OrgMembership | undefined }) {
  const body: Record<Reason, { title: string; text: string }> = {
    role: {
      title: 'You need the Developer role to manage API keys',
      text: `Your role in ${org?.name ?? 'this organization'} is ${org?.role}. Ask an admin or owner to make you a developer, or to create the key for you.`,
    },
    plan: {
      title: 'API keys need the Standard plan or above',
      text: `${org?.name ?? 'This organization'} is on the ${org?.plan} plan. An owner can upgrade it in Settings → Organization; existing keys are rejected with 403 until then.`,
    },
    api_disabled: {
      title: 'The Developer API is not enabled for this organization',
      text: 'The platform operator turns the Developer API on per organization (it is not self-serve). Ask them to enable it, for example with `klipy orgs enable-api`. Until then no keys can be created and existing keys are rejected with 403.',
    },
    no_org: {
      title: 'No organization selected',
      text: 'You do not belong to an organization yet. Accept an invitation or sign up to create one.',
    },
  };
  const b = body[reason];
  return (
    <Alert
      color="yellow"
      icon={<WarningIcon />}
      title={b.title}
      data-testid="keys-blocked"
      data-reason={reason}
    >
      <Text size="sm">{b.text}</Text>
      <List size="sm" mt="xs">
        <List.Item>
          Keys need the Standard plan or above, the Developer API flag, and the Developer role or higher.
        </List.Item>
      </List>
    </Alert>
  );
}
