import { Anchor, Button, Grid, Group, Paper, Stack, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/ui';
import { useSession } from '../auth/session';
import { useDeleteRecord } from './crmApi';
import { InteractionForm } from './interactions/InteractionForm';
import { InteractionTimeline } from './interactions/InteractionTimeline';

interface RecordPageLayoutProps {
  resource: 'people' | 'companies';
  /** `person`, `company`: button labels and test ids are built from it. */
  noun: string;
  id: string;
  /** The list page's title, for the "← back" link. */
  backLabel: string;
  title: string;
  description: string | undefined;
  /** The left column: details and anything else about the record. */
  details: ReactNode;
  /** Which interactions the timeline shows. */
  timeline: { companyId: string } | { contactId: string };
  /** The person a new interaction is with, when logged from a person's page. */
  mainContact?: string;
  editForm: (onClose: () => void) => ReactNode;
  deleteText: string;
}

/** A person's or company's page: header with Edit / Delete, details, interaction timeline. */
export function RecordPageLayout(p: RecordPageLayoutProps) {
  const del = useDeleteRecord(p.resource);
  const navigate = useNavigate();
  // Members read and edit records; deleting needs the developer role or above (PRODUCT.md §2).
  const mayDelete = useSession().role !== 'member';
  const [dialog, setDialog] = useState<'edit' | 'delete' | 'log' | null>(null);
  const close = () => setDialog(null);
  return (
    <>
      <Anchor component={Link} to={`/crm/${p.resource}`} size="sm">
        ← {p.backLabel}
      </Anchor>
      <PageHeader
        title={p.title}
        description={p.description}
        actions={
          <>
            <Button variant="default" onClick={() => setDialog('edit')} data-testid={`edit-${p.noun}`}>
              Edit
            </Button>
            {mayDelete && (
              <Button
                variant="subtle"
                color="red"
                onClick={() => setDialog('delete')}
                data-testid={`delete-${p.noun}`}
              >
                Delete
              </Button>
            )}
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>{p.details}</Grid.Col>
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
              <InteractionTimeline filter={p.timeline} />
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      {dialog === 'edit' && p.editForm(close)}
      {dialog === 'log' && (
        <InteractionForm {...(p.mainContact ? { mainContact: p.mainContact } : {})} onClose={close} />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete ${p.title}?`}
          confirmLabel={`Delete ${p.noun}`}
          onConfirm={async () => {
            await del.mutateAsync(p.id);
            navigate(`/crm/${p.resource}`, { replace: true });
          }}
          onClose={close}
        >
          {p.deleteText}
        </ConfirmDialog>
      )}
    </>
  );
}
