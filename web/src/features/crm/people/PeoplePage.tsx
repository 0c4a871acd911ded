import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui';
import { CompanyLink } from '../companies/CompanyLink';
import { RecordListPage } from '../RecordListPage';
import { humanize, type Person, personName } from '../types';
import { PersonForm } from './PersonForm';
import { TagBadges } from './TagBadges';

export function PeoplePage() {
  return (
    <RecordListPage<Person>
      resource="people"
      title="People"
      description="Contacts in this organization."
      newLabel="New person"
      newTestId="new-person"
      searchLabel="Search people"
      empty={(q) => (
        <EmptyState title={q ? 'No people match your search' : 'No people yet'}>
          {q ? 'Try another name or email.' : 'Create one here or with POST /api/v1/people.'}
        </EmptyState>
      )}
      head={
        <>
          <Table.Th>Name</Table.Th>
          <Table.Th visibleFrom="sm">Email</Table.Th>
          <Table.Th visibleFrom="md">Company</Table.Th>
          <Table.Th visibleFrom="lg">Title</Table.Th>
          <Table.Th>Lead status</Table.Th>
          <Table.Th visibleFrom="md">Tags</Table.Th>
        </>
      }
      row={(p) => (
        <Table.Tr key={p.id} data-testid="person-row" data-id={p.id}>
          <Table.Td>
            <Anchor component={Link} to={`/crm/people/${p.id}`} size="sm" fw={600}>
              {personName(p)}
            </Anchor>
            <Text size="xs" c="dimmed" hiddenFrom="sm" style={{ overflowWrap: 'anywhere' }}>
              {p.email}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Text size="sm">{p.email ?? '—'}</Text>
          </Table.Td>
          <Table.Td visibleFrom="md">{p.companyId ? <CompanyLink id={p.companyId} /> : '—'}</Table.Td>
          <Table.Td visibleFrom="lg">
            <Text size="sm">{p.title ?? '—'}</Text>
          </Table.Td>
          <Table.Td>
            {p.leadStatus ? (
              <Badge variant="light" size="sm">
                {humanize(p.leadStatus)}
              </Badge>
            ) : (
              '—'
            )}
          </Table.Td>
          <Table.Td visibleFrom="md">
            <TagBadges tags={p.tags} />
          </Table.Td>
        </Table.Tr>
      )}
      form={(props) => <PersonForm {...props} />}
    />
  );
}
