import { Anchor, Paper } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { fmtDateTime } from '../../../components/format';
import { ErrorAlert, Loading } from '../../../components/ui';
import { useCrmRecord } from '../crmApi';
import { RecordDetails, SafeLink } from '../RecordDetails';
import { RecordPageLayout } from '../RecordPageLayout';
import { humanize, type Person, personName } from '../types';
import { PersonForm } from './PersonForm';
import { TagBadges } from './TagBadges';

export function PersonPage() {
  const { id } = useParams();
  const person = useCrmRecord<Person>('people', id);
  if (person.isPending) return <Loading />;
  if (person.error) return <ErrorAlert error={person.error} title="Could not load this person" />;
  const p = person.data;
  return (
    <RecordPageLayout
      resource="people"
      noun="person"
      id={p.id}
      backLabel="People"
      title={personName(p)}
      description={p.title ?? undefined}
      timeline={{ contactId: p.id }}
      mainContact={p.id}
      editForm={(onClose) => <PersonForm person={p} onClose={onClose} />}
      deleteText="This permanently removes the person. Their interactions remain."
      details={
        <Paper withBorder p="md" data-testid="person-details">
          <RecordDetails
            rows={[
              ['Email', p.email],
              ['Phone', p.phone],
              ['Lead status', p.leadStatus ? humanize(p.leadStatus) : null],
              [
                'Company',
                p.companyId ? (
                  <Anchor key="c" component={Link} to={`/crm/companies/${p.companyId}`} size="sm">
                    View company
                  </Anchor>
                ) : null,
              ],
              ['LinkedIn', <SafeLink key="l" href={p.linkedinUrl} />],
              ['Tags', (p.tags ?? []).length ? <TagBadges key="t" tags={p.tags} /> : null],
              ['Created', fmtDateTime(p.createdAt)],
              ['Updated', fmtDateTime(p.updatedAt)],
            ]}
          />
        </Paper>
      }
    />
  );
}
