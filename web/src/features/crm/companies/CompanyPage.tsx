import { Anchor, Button, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { fmtDateTime } from '../../../components/format';
import { ErrorAlert, Loading, PageHeader } from '../../../components/ui';
import { useCrmQuery, useCrmRecord, useDeleteRecord } from '../crmApi';
import { InteractionForm } from '../interactions/InteractionForm';
import { InteractionTimeline } from '../interactions/InteractionTimeline';
import { RecordDetails, SafeLink } from '../RecordDetails';
import { type Company, type Person, personName } from '../types';
import { CompanyForm } from './CompanyForm';

function CompanyPeople({ companyId }: { companyId: string }) {
  const people = useCrmQuery<Person>('people', { companyId }, null, 50);
  if (people.isPending) return <Loading />;
  if (people.error) return <ErrorAlert error={people.error} />;
  if (people.data.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No people linked yet.
      </Text>
    );
  return (
    <List size="sm" spacing={4} data-testid="company-people">
      {people.data.data.map((p) => (
        <List.Item key={p.id}>
          <Anchor component={Link} to={`/crm/people/${p.id}`} size="sm">
            {personName(p)}
          </Anchor>
          {p.title ? (
            <Text span size="xs" c="dimmed">
              {' '}
              · {p.title}
            </Text>
          ) : null}
        </List.Item>
      ))}
    </List>
  );
}

export function CompanyPage() {
  const { id } = useParams();
  const company = useCrmRecord<Company>('companies', id);
  const del = useDeleteRecord('companies');
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'delete' | 'log' | null>(null);
  if (company.isPending) return <Loading />;
  if (company.error) return <ErrorAlert error={company.error} title="Could not load this company" />;
  const c = company.data;
  const name = c.name || c.domain || 'Unnamed company';
  return (
    <>
      <Anchor component={Link} to="/crm/companies" size="sm">
        ← Companies
      </Anchor>
      <PageHeader
        title={name}
        description={c.industry ?? undefined}
        actions={
          <>
            <Button variant="default" onClick={() => setDialog('edit')} data-testid="edit-company">
              Edit
            </Button>
            <Button
              variant="subtle"
              color="red"
              onClick={() => setDialog('delete')}
              data-testid="delete-company"
            >
              Delete
            </Button>
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Paper withBorder p="md" data-testid="company-details">
              <RecordDetails
                rows={[
                  ['Domain', c.domain],
                  ['Website', <SafeLink key="w" href={c.website} />],
                  ['Employees', c.employeeCount],
                  ['Location', [c.city, c.country].filter(Boolean).join(', ')],
                  ['Created', fmtDateTime(c.createdAt)],
                  ['Updated', fmtDateTime(c.updatedAt)],
                ]}
              />
              {c.description && (
                <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {c.description}
                </Text>
              )}
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h5" mb="xs">
                People
              </Title>
              <CompanyPeople companyId={c.id} />
            </Paper>
          </Stack>
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
              <InteractionTimeline filter={{ companyId: c.id }} />
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      {dialog === 'edit' && <CompanyForm company={c} onClose={() => setDialog(null)} />}
      {dialog === 'log' && <InteractionForm onClose={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete ${name}?`}
          confirmLabel="Delete company"
          onConfirm={async () => {
            await del.mutateAsync(c.id);
            navigate('/crm/companies', { replace: true });
          }}
          onClose={() => setDialog(null)}
        >
          This permanently removes the company. People and interactions linked to it remain.
        </ConfirmDialog>
      )}
    </>
  );
}
