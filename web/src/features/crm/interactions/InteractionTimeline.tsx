import { Badge, Button, Group, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import { fmtDateTime } from '../../../components/format';
import { EmptyState, ErrorAlert, Loading } from '../../../components/ui';
import { useCrmQuery } from '../crmApi';
import { Pager, parseSort } from '../ListControls';
import { humanize, type Interaction, refLabel } from '../types';
import { useCursorPages } from '../useCursorPages';
import { InteractionForm } from './InteractionForm';

/** When it happened (its date, else when it was logged), newest first. */
export const INTERACTION_SORTS = [
  { value: 'occurredAt:desc', label: 'Most recent first' },
  { value: 'occurredAt:asc', label: 'Oldest first' },
  { value: 'createdAt:desc', label: 'Recently logged' },
];
const MOST_RECENT = parseSort('occurredAt:desc');

/** One interaction as text: the summary may hold HTML, which is shown literally, never parsed. */
export function InteractionItemBody({ i }: { i: Interaction }) {
  const contacts = (i.contacts ?? []).map(refLabel).filter(Boolean);
  const [editing, setEditing] = useState(false);
  return (
    <>
      <Group gap={6} mb={4}>
        <Badge size="xs" variant="light">
          {humanize(i.type)}
        </Badge>
        {i.direction && (
          <Badge size="xs" variant="outline" color="gray">
            {humanize(i.direction)}
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {fmtDateTime(i.interactionDate ?? i.createdAt)}
        </Text>
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={() => setEditing(true)}
          aria-label={`Edit ${i.title || humanize(i.type)}`}
          data-testid="interaction-edit"
        >
          Edit
        </Button>
      </Group>
      {editing && <InteractionForm interaction={i} onClose={() => setEditing(false)} />}
      {i.summary && (
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          data-testid="interaction-summary-text"
        >
          {i.summary}
        </Text>
      )}
      {contacts.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          With {contacts.join(', ')}
        </Text>
      )}
    </>
  );
}

/** Interactions for one person (`contactId`) or company (`companyId`), most recent first. */
export function InteractionTimeline({ filter }: { filter: { contactId?: string; companyId?: string } }) {
  const pages = useCursorPages(JSON.stringify(filter));
  const q = useCrmQuery<Interaction>('interactions', filter, pages.cursor, 20, MOST_RECENT);
  if (q.isPending) return <Loading label="Loading interactions…" />;
  if (q.error) return <ErrorAlert error={q.error} title="Could not load interactions" />;
  if (q.data.data.length === 0)
    return (
      <EmptyState title="No interactions yet">Log a call, email or meeting to start the timeline.</EmptyState>
    );
  return (
    <>
      <Timeline bulletSize={14} lineWidth={2} data-testid="interaction-timeline">
        {q.data.data.map((i) => (
          <Timeline.Item key={i.id} title={i.title || humanize(i.type)} data-testid="interaction-item">
            <InteractionItemBody i={i} />
          </Timeline.Item>
        ))}
      </Timeline>
      {(q.data.pageInfo.has_next_page || pages.page > 1) && (
        <Pager
          page={pages.page}
          pageInfo={q.data.pageInfo}
          onPrev={pages.prev}
          onNext={pages.next}
          busy={q.isFetching}
        />
      )}
    </>
  );
}
