import { Anchor, Badge, Button, Grid, Group, Paper, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { fmtDateTime } from '../../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../../components/ui';
import { useCrmRecord, useDeleteRecord } from '../crmApi';
import { InteractionForm } from '../interactions/InteractionForm';
import { InteractionTimeline } from '../interactions/InteractionTimeline';
import { RecordDetails, SafeLink } from '../RecordDetails';
import { humanize, type Person, personName } from '../types';
import { PersonForm } from './PersonForm';

export function PersonPage() {
  const { id } = useParams();
  const person = useCrmRecord<Person>('people', id);
  const del = useDeleteRecord('people');
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'delete' | 'log' | null>(null);
  if (person.isPending) return <Loading />;
  if (person.error) return <ErrorAlert error={person.error} title="Could not load this person" />;
  const p = person.data;
  return (
    <>
      <Anchor component={Link} to="/crm/people" size="sm">
        ← People
      </Anchor>
      <PageHeader
        title={personName(p)}
        description={p.title ?? undefined}
        actions={
          <>
            <Button variant="default" onClick={() => setDialog('edit')} data-testid="edit-person">
              Edit
            </Button>
            <Button
              variant="subtle"
              color="red"
              onClick={() => setDialog('delete')}
              data-testid="delete-person"
            >
              Delete
            </Button>
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" data-testid="person-details">
            <RecordDetails
              rows={[
                ['Email', p.email],
                ['Phone', p.phone],
                ['Lead status', p.leadStatus ? humanize(p.leadStatus) : null],
                [
                  'Company',
                  p.companyId ? (
                    <Anchor key="c" component={Link} to={`/crm/companies/${p.companyId}`} size="sm">
                      View company
                    </Anchor>
                  ) : null,
                ],
                ['LinkedIn', <SafeLink key="l" href={p.linkedinUrl} />],
                [
                  'Tags',
                  (p.tags ?? []).length ? (
                    <Group key="t" gap={4}>
                      {(p.tags ?? []).map((t) => (
                        <Badge key={t} size="xs" variant="outline" tt="none">
                          {t}
                        </Badge>
                      ))}
                    </Group>
                  ) : null,
                ],
                ['Created', fmtDateTime(p.createdAt)],
                ['Updated', fmtDateTime(p.updatedAt)],
              ]}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Group justify="space-between">
                <Title order={2} size="h4">
                  Interactions
                </Title>
                <Button size="xs" onClick={() => setDialog('log')} data-testid="log-interaction">
                  Log interaction
                </Button>
              </Group>
              <InteractionTimeline filter={{ contactId: p.id }} />
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      {dialog === 'edit' && <PersonForm person={p} onClose={() => setDialog(null)} />}
      {dialog === 'log' && <InteractionForm mainContact={p.id} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete ${personName(p)}?`}
          confirmLabel="Delete person"
          onConfirm={async () => {
            await del.mutateAsync(p.id);
            navigate('/crm/people', { replace: true });
          }}
          onClose={() => setDialog(null)}
        >
          This permanently removes the person. Their interactions remain.
        </ConfirmDialog>
      )}
    </>
  );
}
