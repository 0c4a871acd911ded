import { Button, Group, Paper, Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useCrmQuery } from './crmApi';
import { Pager, parseSort, RECORD_SORTS, SearchBox, SortSelect } from './ListControls';
import { useCursorPages } from './useCursorPages';

interface RecordListPageProps<T> {
  resource: 'people' | 'companies';
  /** Page title; also the table's accessible name. */
  title: string;
  description: string;
  newLabel: string;
  newTestId: string;
  searchLabel: string;
  /** What an empty page says; `q` is the search text, '' when there is none. */
  empty: (q: string) => ReactNode;
  /** The table's header cells and one row per record. */
  head: ReactNode;
  row: (r: T) => ReactNode;
  /** The create form; saving opens the new record's page. */
  form: (props: { onClose: () => void; onSaved: (r: T) => void }) => ReactNode;
}

/** A searchable, cursor-paged table of people or companies with a "New …" button. */
export function RecordListPage<T extends { id: string }>(p: RecordListPageProps<T>) {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [sort, setSort] = useState(RECORD_SORTS[0]?.value ?? 'createdAt:desc');
  const pages = useCursorPages(`${q}|${sort}`);
  const list = useCrmQuery<T>(p.resource, q ? { text: q } : {}, pages.cursor, 20, parseSort(sort));
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={p.title}
        description={p.description}
        actions={
          <>
            <Button
              component={Link}
              to={`/crm/import?type=${p.resource}`}
              variant="default"
              data-testid={`import-${p.resource}`}
            >
              Import CSV
            </Button>
            <Button onClick={() => setCreating(true)} data-testid={p.newTestId}>
              {p.newLabel}
            </Button>
          </>
        }
      />
      <Group mb="md" align="flex-end">
        <SearchBox label={p.searchLabel} value={text} onChange={setText} />
        <SortSelect value={sort} onChange={setSort} />
      </Group>
      <Paper withBorder>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <ErrorAlert error={list.error} title={`Could not load ${p.resource}`} />
        ) : list.data.data.length === 0 ? (
          p.empty(q)
        ) : (
          <Table.ScrollContainer minWidth={340}>
            <Table
              highlightOnHover
              verticalSpacing="sm"
              aria-label={p.title}
              data-testid={`${p.resource}-table`}
            >
              <Table.Thead>
                <Table.Tr>{p.head}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>{list.data.data.map(p.row)}</Table.Tbody>
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
      {creating &&
        p.form({
          onClose: () => setCreating(false),
          onSaved: (r) => navigate(`/crm/${p.resource}/${r.id}`),
        })}
    </>
  );
}
