export interface NavItem {
  label: string;
  to: string;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

export const NAV: NavGroup[] = [
  {
    label: 'CRM',
    items: [
      { label: 'People', to: '/crm/people' },
      { label: 'Companies', to: '/crm/companies' },
      { label: 'Interactions', to: '/crm/interactions' },
      { label: 'Import', to: '/crm/import' },
    ],
  },
  {
    label: 'Settings',
    items: [
      { label: 'API keys', to: '/settings/api' },
      { label: 'Key policy', to: '/settings/api/policy' },
      { label: 'Webhooks', to: '/settings/webhooks' },
      { label: 'Usage', to: '/usage' },
      { label: 'Audit log', to: '/audit' },
      { label: 'Members', to: '/members' },
      { label: 'Organization', to: '/settings/organization' },
    ],
  },
];

/** The item for `pathname`: the longest `to` it is or lies under (`/settings/api/policy` is not "API keys"). */
export function activeNavItem(pathname: string): string | undefined {
  const items = NAV.flatMap((g) => g.items.map((i) => i.to));
  return items
    .filter((to) => pathname === to || pathname.startsWith(`${to}/`))
    .sort((a, b) => b.length - a.length)[0];
}
