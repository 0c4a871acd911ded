import { Select, SimpleGrid, TagsInput } from '@mantine/core';
import { useState } from 'react';
import { RecordFormModal, useRecordForm } from '../RecordForm';
import { humanize, LEAD_STATUSES, type Person } from '../types';

const LABELS = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  title: 'Job title',
  linkedinUrl: 'LinkedIn URL',
  leadStatus: 'Lead status',
};

/** Create (no `person`) or edit a person; the API's 422 messages show under each field. */
export function PersonForm({
  person,
  onClose,
  onSaved,
}: {
  person?: Person;
  onClose: () => void;
  onSaved?: (p: Person) => void;
}) {
  const f = useRecordForm({
    resource: 'people',
    noun: 'person',
    labels: LABELS,
    otherFields: ['tags'],
    record: person,
    onClose,
    onSaved,
  });
  const [tags, setTags] = useState<string[]>(person?.tags ?? []);
  return (
    <RecordFormModal
      noun="person"
      editing={Boolean(person)}
      error={f.top}
      pending={f.pending}
      onSubmit={() => f.save({ ...f.form, tags })}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        {f.textInput('firstName', { 'data-autofocus': true })}
        {f.textInput('lastName')}
        {f.textInput('email', { type: 'email' })}
        {f.textInput('phone', { type: 'tel', placeholder: '+14155550123' })}
        {f.textInput('title')}
        {f.textInput('linkedinUrl', { type: 'url', placeholder: 'https://www.linkedin.com/in/…' })}
      </SimpleGrid>
      <Select
        label="Lead status"
        clearable
        data={LEAD_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
        value={f.form.leadStatus || null}
        onChange={(v) => f.setField('leadStatus', v ?? '')}
        error={f.err('leadStatus')}
        data-testid="person-leadStatus"
      />
      <TagsInput
        label="Tags"
        description="Press Enter after each tag"
        value={tags}
        onChange={setTags}
        error={f.err('tags')}
        data-testid="person-tags"
      />
    </RecordFormModal>
  );
}
