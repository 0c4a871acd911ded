import { ActionIcon, Menu } from '@mantine/core';
import { useState } from 'react';
import type { ApiKey } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DotsIcon } from '../../components/icons';
import { useSession } from '../auth/session';
import { atLeast } from '../org/roles';
import { EditKeyModal } from './EditKeyModal';
import { useDeleteKey, useRevokeKey } from './keysApi';
import { RollKeyModal } from './RollKeyModal';

type Dialog = 'edit' | 'roll' | 'revoke' | 'delete' | null;

/** Row actions menu ("Actions for <name>"): edit, roll, revoke, delete (admin+). */
export function KeyActions({ apiKey }: { apiKey: ApiKey }) {
  const { me, role } = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const revoke = useRevokeKey();
  const del = useDeleteKey();
  const active = apiKey.status === 'active';
  const isAdmin = atLeast(role, 'admin');
  // Developers revoke their own keys; admins revoke anyone's (PRODUCT.md §3.3).
  const canRevoke = active && (isAdmin || apiKey.createdBy?.id === me.user.id);
  const items = [
    active && { id: 'edit', label: 'Edit' },
    active && { id: 'roll', label: 'Roll' },
    canRevoke && { id: 'revoke', label: 'Revoke', color: 'red' },
    isAdmin && { id: 'delete', label: 'Delete', color: 'red' },
  ].filter(Boolean) as { id: Exclude<Dialog, null>; label: string; color?: string }[];
  const close = () => setDialog(null);

  return (
    <>
      {items.length > 0 && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Actions for ${apiKey.name}`}
              data-testid="key-actions"
            >
              <DotsIcon />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {items.map((i) => (
              <Menu.Item
                key={i.id}
                color={i.color}
                onClick={() => setDialog(i.id)}
                data-testid={`key-action-${i.id}`}
              >
                {i.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      {dialog === 'edit' && <EditKeyModal apiKey={apiKey} onClose={close} />}
      {dialog === 'roll' && <RollKeyModal apiKey={apiKey} onClose={close} />}
      {dialog === 'revoke' && (
        <ConfirmDialog
          title={`Revoke ${apiKey.name}?`}
          confirmLabel="Revoke key"
          onConfirm={() => revoke.mutateAsync(apiKey.id)}
          onClose={close}
          testId="revoke-key-dialog"
        >
          Requests using <b>{apiKey.prefix}</b> will be rejected with 401 immediately. The key stays listed as
          revoked. You cannot undo this yourself.
        </ConfirmDialog>
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete ${apiKey.name}?`}
          confirmLabel="Delete key"
          onConfirm={() => del.mutateAsync(apiKey.id)}
          onClose={close}
          testId="delete-key-dialog"
        >
          The key <b>{apiKey.prefix}</b> is removed for good and stops working. Its audit log entries remain.
          Revoke instead if you may need the record.
        </ConfirmDialog>
      )}
    </>
  );
}
