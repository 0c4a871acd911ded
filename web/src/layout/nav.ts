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
    ],
  },
  {
    label: 'Settings',
    items: [
      { label: 'API keys', to: '/settings/api' },
      { label: 'Webhooks', to: '/settings/webhooks' },
      { label: 'Usage', to: '/usage' },
      { label: 'Audit log', to: '/audit' },
      { label: 'Members', to: '/members' },
      { label: 'Organization', to: '/settings/organization' },
    ],
  },
];
