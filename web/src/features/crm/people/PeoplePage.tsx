import { Anchor, Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../../components/ui';
import { useCrmQuery } from '../crmApi';
import { Pager, SearchBox } from '../ListControls';
import { humanize, type Person, personName } from '../types';
import { useCursorPages } from '../useCursorPages';
import { PersonForm } from './PersonForm';

export function PeoplePage() {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const pages = useCursorPages(q);
  const list = useCrmQuery<Person>('people', q ? { text: q } : {}, pages.cursor);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="People"
        description="Contacts in this organization."
        actions={
          <Button onClick={() => setCreating(true)} data-testid="new-person">
            New person
          </Button>
        }
      />
      <Group mb="md">
        <SearchBox label="Search people" value={text} onChange={setText} />
      </Group>
      <Paper withBorder>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <ErrorAlert error={list.error} title="Could not load people" />
        ) : list.data.data.length === 0 ? (
          <EmptyState title={q ? 'No people match your search' : 'No people yet'}>
            {q ? 'Try another name or email.' : 'Create one here or with POST /api/v1/people.'}
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={340}>
            <Table highlightOnHover verticalSpacing="sm" aria-label="People" data-testid="people-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th visibleFrom="sm">Email</Table.Th>
                  <Table.Th visibleFrom="md">Title</Table.Th>
                  <Table.Th>Lead status</Table.Th>
                  <Table.Th visibleFrom="md">Tags</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.data.map((p) => (
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
                    <Table.Td visibleFrom="md">
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
                      <Group gap={4}>
                        {(p.tags ?? []).map((t) => (
                          <Badge key={t} size="xs" variant="outline" tt="none">
                            {t}
                          </Badge>
                        ))}
                      </Group>
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
        <PersonForm onClose={() => setCreating(false)} onSaved={(p) => navigate(`/crm/people/${p.id}`)} />
      )}
    </>
  );
}
