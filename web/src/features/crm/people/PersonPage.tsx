import { Paper, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { fmtDateTime } from '../../../components/format';
import { ErrorAlert, Loading } from '../../../components/ui';
import { CompanyLink } from '../companies/CompanyLink';
import { useCrmRecord } from '../crmApi';
import { formatPhone } from '../phone';
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
              ['Phone', formatPhone(p.phone)],
              ['Company', p.companyId ? <CompanyLink key="c" id={p.companyId} /> : null],
              ['Lead status', p.leadStatus ? humanize(p.leadStatus) : null],
              ['Lead source', p.leadSource],
              ['LinkedIn', p.linkedinUrl ? <SafeLink key="l" href={p.linkedinUrl} /> : null],
              ['Tags', (p.tags ?? []).length ? <TagBadges key="t" tags={p.tags} /> : null],
              ['Created', fmtDateTime(p.createdAt)],
              ['Updated', fmtDateTime(p.updatedAt)],
            ]}
          />
          <Text size="xs" c="dimmed" fw={600} mt="sm">
            Remarks
          </Text>
          <Text
            size="sm"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            data-testid="person-remarks-text"
          >
            {p.remarks || '—'}
          </Text>
        </Paper>
      }
    />
  );
}
