import { AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/ui';
import { useSession } from '../features/auth/session';
import { OrgSwitcher } from '../features/org/OrgSwitcher';
import { activeNavItem, NAV } from './nav';
import { UserMenu } from './UserMenu';

/** Signed-in frame: header (burger, brand, org switcher, user menu), left navigation, page. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const { me, org } = useSession();
  // Close the mobile menu after navigating.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change only
  useEffect(() => close(), [pathname]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a href="#main" className="skip-link" data-testid="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              data-testid="nav-burger"
            />
            <Text component={Link} to="/" fw={800} size="lg" c="indigo.7" style={{ textDecoration: 'none' }}>
              Klipy
            </Text>
            {org && me.organizations.length < 2 && (
              <Text
                size="sm"
                fw={600}
                c="dimmed"
                truncate
                maw={{ base: 140, sm: 320 }}
                data-testid="org-name"
              >
                {org.name}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <OrgSwitcher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          <Stack gap="md" component="nav" aria-label="Main">
            {NAV.map((group) => (
              <div key={group.label}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                  {group.label}
                </Text>
                {group.items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    active={activeNavItem(pathname) === item.to}
                    aria-current={pathname === item.to ? 'page' : undefined}
                  />
                ))}
              </div>
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
