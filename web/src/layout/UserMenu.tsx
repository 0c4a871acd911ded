import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useLogout, useSession } from '../features/auth/session';

export function UserMenu() {
  const { me, org } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const initials = me.user.name
    .split(/\s+/)
    .map((p) => p[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        {/* The name contains the visible initials (WCAG 2.5.3, label in name): speech users say what they see. */}
        <UnstyledButton
          aria-label={`${initials ? `${initials}, ` : ''}user menu for ${me.user.name}`}
          data-testid="user-menu"
        >
          <Avatar color="indigo" radius="xl" size={34}>
            {initials || '?'}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="dark">
            {me.user.name}
          </Text>
          <Text size="xs">{me.user.email}</Text>
          {org && (
            <Text size="xs">
              {org.name} · {org.role}
            </Text>
          )}
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item
          data-testid="logout"
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        >
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
