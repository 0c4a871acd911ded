import { Anchor, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../../components/ui';
import { useCrmQuery } from '../crmApi';
import { Pager, SearchBox } from '../ListControls';
import type { Company } from '../types';
import { useCursorPages } from '../useCursorPages';
import { CompanyForm } from './CompanyForm';

export function CompaniesPage() {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const pages = useCursorPages(q);
  const list = useCrmQuery<Company>('companies', q ? { text: q } : {}, pages.cursor);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Companies"
        description="Organizations your contacts work for."
        actions={
          <Button onClick={() => setCreating(true)} data-testid="new-company">
            New company
          </Button>
        }
      />
      <Group mb="md">
        <SearchBox label="Search companies" value={text} onChange={setText} />
      </Group>
      <Paper withBorder>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <ErrorAlert error={list.error} title="Could not load companies" />
        ) : list.data.data.length === 0 ? (
          <EmptyState title={q ? 'No companies match your search' : 'No companies yet'}>
            {q
              ? 'Try another name or domain.'
              : 'Companies are also created from people’s work email domains.'}
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={340}>
            <Table highlightOnHover verticalSpacing="sm" aria-label="Companies" data-testid="companies-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Domain</Table.Th>
                  <Table.Th visibleFrom="sm">Industry</Table.Th>
                  <Table.Th visibleFrom="md">Employees</Table.Th>
                  <Table.Th visibleFrom="md">Location</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.data.map((c) => (
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
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Pager
        page={pages.page}
        pageInfo={list.data?.pageInfo}
        onPrev={pages.prev}
        onNext={pages.next}
        busy={list.isFetching}
      />
      {creating && (
        <CompanyForm onClose={() => setCreating(false)} onSaved={(c) => navigate(`/crm/companies/${c.id}`)} />
      )}
    </>
  );
}
