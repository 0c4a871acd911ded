import { Badge, Button, Code, Table, Text } from '@mantine/core';
import { fmtDateTime } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/ui';
import { useAttempts, useRedeliver, type WebhookAttempt } from './webhooksApi';

const outcome = (a: WebhookAttempt) =>
  a.succeeded ? (
    <Badge color="teal">{a.statusCode}</Badge>
  ) : (
    <Badge color="red">{a.statusCode ?? 'no response'}</Badge>
  );

/** Every attempt of one endpoint, newest first, with redelivery. */
export function DeliveryLog({ endpointId }: { endpointId: string }) {
  const attempts = useAttempts(endpointId);
  const redeliver = useRedeliver();
  if (attempts.isPending) return <Loading />;
  if (attempts.error) return <ErrorAlert error={attempts.error} />;
  if (!attempts.data.length)
    return (
      <Text size="sm" c="dimmed" data-testid="delivery-log-empty">
        No deliveries yet. Send a test event to try the endpoint.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped data-testid="delivery-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>Attempt</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Latency</Table.Th>
            <Table.Th>Response</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {attempts.data.map((a) => (
            <Table.Tr key={a.id} data-testid="delivery-row">
              <Table.Td>{fmtDateTime(a.createdAt)}</Table.Td>
              <Table.Td>
                <Code>{a.eventType}</Code>
              </Table.Td>
              <Table.Td>{a.attempt}</Table.Td>
              <Table.Td>{outcome(a)}</Table.Td>
              <Table.Td>{a.latencyMs} ms</Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {a.error ?? a.responseExcerpt ?? ''}
                  {a.nextAttemptAt ? ` · next try ${fmtDateTime(a.nextAttemptAt)}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="light"
                  loading={redeliver.isPending && redeliver.variables?.deliveryId === a.deliveryId}
                  onClick={() => redeliver.mutate({ id: endpointId, deliveryId: a.deliveryId })}
                >
                  Redeliver
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
