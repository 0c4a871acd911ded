import { Stack } from '@mantine/core';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useSession } from '../auth/session';
import { atLeast } from '../org/roles';
import { EndpointCard } from './EndpointCard';
import { NewEndpointForm } from './NewEndpointForm';
import { useEndpoints } from './webhooksApi';

/** Settings → Webhooks: admins and owners add endpoints and watch their deliveries. */
export function WebhooksPage() {
  const { role } = useSession();
  const allowed = atLeast(role, 'admin');
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Klipy POSTs signed events (lead.captured, interaction.captured, …) to your endpoints, retrying for a day."
      />
      {allowed ? (
        <Body />
      ) : (
        <EmptyState title="Admins only">
          Ask an admin or owner of this organization to manage webhooks.
        </EmptyState>
      )}
    </>
  );
}

function Body() {
  const endpoints = useEndpoints();
  return (
    <Stack gap="md">
      <NewEndpointForm />
      {endpoints.isPending ? (
        <Loading />
      ) : endpoints.error ? (
        <ErrorAlert error={endpoints.error} />
      ) : endpoints.data.length === 0 ? (
        <EmptyState title="No endpoints yet" />
      ) : (
        endpoints.data.map((ep) => <EndpointCard key={ep.id} endpoint={ep} />)
      )}
    </Stack>
  );
}
