import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCrmRecord } from '../crmApi';
import type { Company } from '../types';

/**
 * A link to a company showing its name (its domain when it has none). One cached read per
 * company, shared by every row that names it.
 */
export function CompanyLink({ id }: { id: string | null | undefined }) {
  const company = useCrmRecord<Company>('companies', id ?? undefined);
  if (!id) return null;
  if (company.error)
    return (
      <Text span size="sm" c="dimmed">
        Unknown company
      </Text>
    );
  const label = company.data ? company.data.name || company.data.domain || 'Unnamed company' : '…';
  return (
    <Anchor component={Link} to={`/crm/companies/${id}`} size="sm" data-testid="company-link">
      {label}
    </Anchor>
  );
}
