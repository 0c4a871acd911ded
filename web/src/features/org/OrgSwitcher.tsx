import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { useSession, useSwitchOrg } from '../auth/session';

/** Header select to change the session's active organization; hidden with a single org. */
export function OrgSwitcher() {
  const { me, org } = useSession();
  const switchOrg = useSwitchOrg();
  const navigate = useNavigate();
  if (me.organizations.length < 2) return null;
  return (
    <Select
      aria-label="Organization"
      data-testid="org-switcher"
      size="xs"
      w={{ base: 150, sm: 220 }}
      allowDeselect={false}
      disabled={switchOrg.isPending}
      value={org?.id ?? null}
      data={me.organizations.map((o) => ({ value: o.id, label: o.name }))}
      onChange={(id) => {
        if (!id || id === org?.id) return;
        switchOrg.mutate(id, {
          onSuccess: () => navigate('/'),
          onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
        });
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
