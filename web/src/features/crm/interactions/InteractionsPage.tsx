import { Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../../components/ui';
import { useCrmQuery } from '../crmApi';
import { Pager, parseSort, SortSelect } from '../ListControls';
import { humanize, INTERACTION_TYPES, type Interaction } from '../types';
import { useCursorPages } from '../useCursorPages';
import { InteractionForm } from './InteractionForm';
import { INTERACTION_SORTS, InteractionItemBody } from './InteractionTimeline';

export function InteractionsPage() {
  const [type, setType] = useState<string | null>(null);
  const [sort, setSort] = useState('occurredAt:desc');
  const pages = useCursorPages(`${type ?? ''}|${sort}`);
  const list = useCrmQuery<Interaction>(
    'interactions',
    type ? { type } : {},
    pages.cursor,
    20,
    parseSort(sort),
  );
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Interactions"
        description="Emails, meetings, messages and events logged against people and companies."
        actions={
          <>
            <Button
              component={Link}
              to="/crm/import?type=interactions"
              variant="default"
              data-testid="import-interactions"
            >
              Import CSV
            </Button>
            <Button onClick={() => setCreating(true)} data-testid="new-interaction">
              Log interaction
            </Button>
          </>
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label="Type"
          placeholder="All types"
          clearable
          value={type}
          onChange={setType}
          data={INTERACTION_TYPES.map((t) => ({ value: t, label: humanize(t) }))}
          w={{ base: '100%', xs: 240 }}
          data-testid="interaction-type-filter"
        />
        <SortSelect value={sort} onChange={setSort} options={INTERACTION_SORTS} />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} title="Could not load interactions" />
      ) : list.data.data.length === 0 ? (
        <Paper withBorder>
          <EmptyState title="No interactions yet">Log one here or with POST /api/v1/interactions.</EmptyState>
        </Paper>
      ) : (
        <Stack gap="sm" data-testid="interactions-list">
          {list.data.data.map((i) => (
            <Paper key={i.id} withBorder p="md" data-testid="interaction-item">
              <Text fw={600} size="sm" mb={4} style={{ overflowWrap: 'anywhere' }}>
                {i.title || humanize(i.type)}
              </Text>
              <InteractionItemBody i={i} />
            </Paper>
          ))}
        </Stack>
      )}
      <Pager
        page={pages.page}
        pageInfo={list.data?.pageInfo}
        onPrev={pages.prev}
        onNext={pages.next}
        busy={list.isFetching}
      />
      {creating && <InteractionForm onClose={() => setCreating(false)} />}
    </>
  );
}
