import { Select, SimpleGrid, TagsInput, Textarea } from '@mantine/core';
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
  leadSource: 'Lead source',
  remarks: 'Remarks',
};

const IDENTIFYING = ['firstName', 'lastName', 'email', 'phone', 'linkedinUrl'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the browser can tell before asking: a way to identify the person, a plausible email. */
export function validatePerson(v: Record<string, unknown>): Record<string, string | undefined> {
  const has = (k: string) => typeof v[k] === 'string' && (v[k] as string).trim() !== '';
  return {
    form: IDENTIFYING.some(has)
      ? undefined
      : 'Give a first or last name, an email, a phone or a LinkedIn URL: a person needs at least one.',
    email:
      has('email') && !EMAIL.test((v.email as string).trim())
        ? 'Enter a valid email address, like name@example.com.'
        : undefined,
  };
}

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
    validate: validatePerson,
  });
  const [tags, setTags] = useState<string[]>(person?.tags ?? []);
  return (
    <RecordFormModal
      noun="person"
      editing={Boolean(person)}
      error={f.top}
      failure={f.failure}
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
        {f.textInput('leadSource', { placeholder: 'website, referral, event…' })}
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
      <Textarea
        label="Remarks"
        description="Private notes about this person, shown as plain text."
        autosize
        minRows={2}
        maxRows={8}
        maxLength={10_000}
        value={f.form.remarks}
        onChange={(e) => f.setField('remarks', e.currentTarget.value)}
        error={f.err('remarks')}
        data-testid="person-remarks"
      />
    </RecordFormModal>
  );
}
