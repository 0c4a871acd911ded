import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { fmtDateTime } from '../../../components/format';
import { ErrorAlert, Loading } from '../../../components/ui';
import { useCrmQuery, useCrmRecord } from '../crmApi';
import { RecordDetails, SafeLink } from '../RecordDetails';
import { RecordPageLayout } from '../RecordPageLayout';
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
  if (company.isPending) return <Loading />;
  if (company.error) return <ErrorAlert error={company.error} title="Could not load this company" />;
  const c = company.data;
  return (
    <RecordPageLayout
      resource="companies"
      noun="company"
      id={c.id}
      backLabel="Companies"
      title={c.name || c.domain || 'Unnamed company'}
      description={c.industry ?? undefined}
      timeline={{ companyId: c.id }}
      editForm={(onClose) => <CompanyForm company={c} onClose={onClose} />}
      deleteText="This permanently removes the company. People and interactions linked to it remain."
      details={
        <Stack gap="md">
          <Paper withBorder p="md" data-testid="company-details">
            <RecordDetails
              rows={[
                ['Domain', c.domain],
                ['Website', c.website ? <SafeLink key="w" href={c.website} /> : null],
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
      }
    />
  );
}
