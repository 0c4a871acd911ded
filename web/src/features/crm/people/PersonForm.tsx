import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { apiFieldError, formLevelError } from '../../../components/forms';
import { useCreateRecord, useUpdateRecord } from '../crmApi';
import { buildBody, toForm } from '../formUtils';
import { humanize, LEAD_STATUSES, type Person } from '../types';

const TEXT = ['firstName', 'lastName', 'email', 'phone', 'title', 'linkedinUrl', 'leadStatus'] as const;
const LABELS: Record<(typeof TEXT)[number], string> = {
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
  const [form, setForm] = useState(toForm(TEXT, person));
  const [tags, setTags] = useState<string[]>(person?.tags ?? []);
  const create = useCreateRecord<Person>('people');
  const update = useUpdateRecord<Person>('people');
  const m = person ? update : create;
  const err = (f: string) => apiFieldError(m.error, f);
  const top = formLevelError(m.error, [...TEXT, 'tags']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = buildBody({ ...form, tags }, person ? { ...person } : undefined);
    const done = (p: Person) => {
      onSaved?.(p);
      onClose();
    };
    if (person) {
      if (Object.keys(body).length === 0) return onClose();
      update.mutate({ id: person.id, body }, { onSuccess: done });
    } else create.mutate(body, { onSuccess: done });
  };
  const input = (k: Exclude<(typeof TEXT)[number], 'leadStatus'>, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={LABELS[k]}
      value={form[k]}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setForm((s) => ({ ...s, [k]: v }));
      }}
      error={err(k)}
      data-testid={`person-${k}`}
      {...extra}
    />
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={person ? 'Edit person' : 'New person'}
      size="lg"
      centered
      data-testid="person-form-dialog"
    >
      <form onSubmit={submit} noValidate aria-label={person ? 'Edit person' : 'New person'}>
        <Stack>
          {top && (
            <Alert color="red" role="alert" data-testid="form-error">
              {top}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            {input('firstName', { 'data-autofocus': true })}
            {input('lastName')}
            {input('email', { type: 'email' })}
            {input('phone', { type: 'tel', placeholder: '+14155550123' })}
            {input('title')}
            {input('linkedinUrl', { type: 'url', placeholder: 'https://www.linkedin.com/in/…' })}
          </SimpleGrid>
          <Select
            label="Lead status"
            clearable
            data={LEAD_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
            value={form.leadStatus || null}
            onChange={(v) => setForm((s) => ({ ...s, leadStatus: v ?? '' }))}
            error={err('leadStatus')}
            data-testid="person-leadStatus"
          />
          <TagsInput
            label="Tags"
            description="Press Enter after each tag"
            value={tags}
            onChange={setTags}
            error={err('tags')}
            data-testid="person-tags"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={m.isPending} data-testid="person-submit">
              {person ? 'Save person' : 'Create person'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
