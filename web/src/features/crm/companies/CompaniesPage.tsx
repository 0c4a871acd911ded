import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui';
import { RecordListPage } from '../RecordListPage';
import type { Company } from '../types';
import { CompanyForm } from './CompanyForm';

export function CompaniesPage() {
  return (
    <RecordListPage<Company>
      resource="companies"
      title="Companies"
      description="Organizations your contacts work for."
      newLabel="New company"
      newTestId="new-company"
      searchLabel="Search companies"
      empty={(q) => (
        <EmptyState title={q ? 'No companies match your search' : 'No companies yet'}>
          {q ? 'Try another name or domain.' : 'Companies are also created from people’s work email domains.'}
        </EmptyState>
      )}
      head={
        <>
          <Table.Th>Name</Table.Th>
          <Table.Th>Domain</Table.Th>
          <Table.Th visibleFrom="sm">Industry</Table.Th>
          <Table.Th visibleFrom="md">Employees</Table.Th>
          <Table.Th visibleFrom="md">Location</Table.Th>
        </>
      }
      row={(c) => (
        <Table.Tr key={c.id} data-testid="company-row" data-id={c.id}>
          <Table.Td>
            <Anchor component={Link} to={`/crm/companies/${c.id}`} size="sm" fw={600}>
              {c.name || c.domain || 'Unnamed company'}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {c.domain ?? '—'}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Text size="sm">{c.industry ?? '—'}</Text>
          </Table.Td>
          <Table.Td visibleFrom="md">
            <Text size="sm">{c.employeeCount ?? '—'}</Text>
          </Table.Td>
          <Table.Td visibleFrom="md">
            <Text size="sm">{[c.city, c.country].filter(Boolean).join(', ') || '—'}</Text>
          </Table.Td>
        </Table.Tr>
      )}
      form={(props) => <CompanyForm {...props} />}
    />
  );
}
