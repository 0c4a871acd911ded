import { Alert, Button, Center, Text } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import type { AuditEvent } from '../../api/types';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useSession } from '../auth/session';
import { useKeys } from '../keys/keysApi';
import { atLeast } from '../org/roles';
import { AuditCards } from './AuditCards';
import { AuditEventDetails } from './AuditEventDetails';
import { AuditFiltersBar } from './AuditFiltersBar';
import { AuditTable } from './AuditTable';
import { EMPTY_FILTERS, useAuditLog, useChainVerification, useDeletedKeys } from './auditApi';
import { ChainBadge } from './ChainBadge';

/** Audit log with filters, "Load more" cursor pagination and export. */
export function AuditPage() {
  const { role } = useSession();
  const allowed = atLeast(role, 'developer');
  const [filters, setFilters] = useState(EMPTY_FILTERS);
  const [debounced] = useDebouncedValue(filters, 300);
  const keys = useKeys(allowed);
  const deletedKeys = useDeletedKeys(allowed);
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const mobile = useMediaQuery('(max-width: 48em)');
  const log = useAuditLog(debounced, allowed);
  const chain = useChainVerification(allowed);
  const events = log.data?.pages.flatMap((p) => p.data) ?? [];
  const nextPageError = log.isFetchNextPageError ? log.error : null;

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          atLeast(role, 'admin')
            ? 'Every key, member, plan and API write event in this organization.'
            : 'API key events in this organization. Admins see every event.'
        }
      />
      {!allowed ? (
        <Alert
          color="yellow"
          title="You need the Developer role to read the audit log"
          data-testid="audit-blocked"
        >
          Ask an admin or owner for access.
        </Alert>
      ) : (
        <>
          {chain.data && <ChainBadge v={chain.data} />}
          <AuditFiltersBar
            value={filters}
            onChange={setFilters}
            keys={keys.data ?? []}
            deletedKeys={deletedKeys.data ?? []}
          />
          {log.isPending ? (
            <Loading label="Loading events…" />
          ) : events.length === 0 && log.error ? (
            <ErrorAlert error={log.error} title="Could not load the audit log" />
          ) : events.length === 0 ? (
            <EmptyState title="No events match">Try a wider date range or clear the filters.</EmptyState>
          ) : (
            <>
              {mobile ? (
                <AuditCards events={events} onOpen={setOpen} />
              ) : (
                <AuditTable events={events} onOpen={setOpen} />
              )}
              {open && <AuditEventDetails event={open} onClose={() => setOpen(null)} />}
              <Center mt="md">
                {log.hasNextPage ? (
                  <Button
                    variant="default"
                    onClick={() => log.fetchNextPage()}
                    loading={log.isFetchingNextPage}
                    data-testid="audit-load-more"
                  >
                    Load more
                  </Button>
                ) : (
                  <Text size="sm" c="dimmed">
                    End of the log · {events.length} events
                  </Text>
                )}
              </Center>
              {nextPageError && <ErrorAlert error={nextPageError} />}
            </>
          )}
        </>
      )}
    </>
  );
}
