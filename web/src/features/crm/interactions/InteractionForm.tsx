import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useRef, useState } from 'react';
import { apiFieldError, formLevelError } from '../../../components/forms';
import { useFocusFirstInvalid } from '../../../components/useFocusFirstInvalid';
import { useCreateRecord, useUpdateRecord } from '../crmApi';
import { buildBody } from '../formUtils';
import { type ContactChoice, PersonPicker } from '../people/PersonPicker';
import { DIRECTIONS, humanize, INTERACTION_TYPES, type Interaction } from '../types';

/** A date as the value of a `datetime-local` input (local time, minutes). */
const toLocalInput = (d: Date) => {
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const nowLocal = () => toLocalInput(new Date());

interface Props {
  onClose: () => void;
  /** Person id to attach to (sent as `mainContact`); otherwise the form asks for an email. */
  mainContact?: string;
  defaultEmail?: string;
  /** Edit this interaction (what happened; who it was with is fixed) instead of logging one. */
  interaction?: Interaction;
}

/** Log an interaction. The summary is stored as typed and only ever rendered as text. */
export function InteractionForm({ onClose, mainContact, defaultEmail, interaction }: Props) {
  const initial = interaction
    ? {
        type: interaction.type,
        direction: interaction.direction ?? '',
        title: interaction.title ?? '',
        summary: interaction.summary ?? '',
        interactionDate: toLocalInput(new Date(interaction.interactionDate ?? interaction.createdAt)),
      }
    : undefined;
  const [form, setForm] = useState(
    initial ?? { type: 'EMAIL', direction: 'OUTBOUND', title: '', summary: '', interactionDate: nowLocal() },
  );
  const [contact, setContact] = useState<ContactChoice>(
    !mainContact && defaultEmail ? { email: defaultEmail } : null,
  );
  const [contactMissing, setContactMissing] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const created = useCreateRecord<Interaction>('interactions');
  const updated = useUpdateRecord<Interaction>('interactions');
  const create = interaction ? updated : created;
  useFocusFirstInvalid(formRef, create.error ?? (contactMissing ? attempt : undefined));
  const err = (f: string) => apiFieldError(create.error, f);
  const top = formLevelError(create.error, [
    'type',
    'direction',
    'title',
    'summary',
    'mainContactEmail',
    'mainContact',
    'interactionDate',
  ]);
  const set = (k: keyof typeof form) => (v: string) => setForm((s) => ({ ...s, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (interaction && initial) {
      const { interactionDate, ...rest } = form;
      const changes = buildBody(rest, initial);
      if (interactionDate !== initial.interactionDate && interactionDate)
        changes.interactionDate = new Date(interactionDate).toISOString();
      if (Object.keys(changes).length === 0) return onClose();
      updated.mutate({ id: interaction.id, body: changes }, { onSuccess: onClose });
      return;
    }
    if (!mainContact && !contact) {
      setContactMissing(true);
      setAttempt((n) => n + 1);
      return;
    }
    const { interactionDate, ...rest } = form;
    const date = interactionDate ? new Date(interactionDate) : null;
    const who = mainContact
      ? { mainContact }
      : contact && 'personId' in contact
        ? { mainContact: contact.personId }
        : { mainContactEmail: contact?.email ?? '' };
    const body = buildBody(
      {
        ...rest,
        ...who,
        interactionDate: date && !Number.isNaN(date.getTime()) ? date.toISOString() : '',
      },
      undefined,
    );
    created.mutate(body, { onSuccess: onClose });
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={interaction ? 'Edit interaction' : 'Log interaction'}
      size="lg"
      centered
      data-testid="interaction-form-dialog"
    >
      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        aria-label={interaction ? 'Edit interaction' : 'Log interaction'}
      >
        <Stack>
          {top && (
            <Alert color="red" role="alert" data-testid="form-error">
              {top}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label="Type"
              required
              allowDeselect={false}
              data={INTERACTION_TYPES.map((t) => ({ value: t, label: humanize(t) }))}
              value={form.type}
              onChange={(v) => v && set('type')(v)}
              error={err('type')}
              data-testid="interaction-type"
            />
            <Select
              label="Direction"
              clearable
              data={DIRECTIONS.map((t) => ({ value: t, label: humanize(t) }))}
              value={form.direction || null}
              onChange={(v) => set('direction')(v ?? '')}
              error={err('direction')}
              data-testid="interaction-direction"
            />
          </SimpleGrid>
          <TextInput
            label="Title"
            maxLength={1000}
            value={form.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
            error={err('title')}
            data-testid="interaction-title"
            data-autofocus
          />
          <Textarea
            label="Summary"
            description="Plain text. Up to 10,000 characters."
            autosize
            minRows={3}
            maxRows={10}
            value={form.summary}
            onChange={(e) => set('summary')(e.currentTarget.value)}
            error={err('summary')}
            data-testid="interaction-summary"
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            {!mainContact && !interaction && (
              <PersonPicker
                defaultEmail={defaultEmail}
                onChange={(c) => {
                  setContact(c);
                  if (c) setContactMissing(false);
                }}
                error={
                  contactMissing
                    ? 'Choose who this was with, or type their email.'
                    : (err('mainContactEmail') ?? err('mainContact'))
                }
              />
            )}
            <TextInput
              label="Date and time"
              type="datetime-local"
              value={form.interactionDate}
              onChange={(e) => set('interactionDate')(e.currentTarget.value)}
              error={err('interactionDate')}
              data-testid="interaction-date"
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="interaction-submit">
              {interaction ? 'Save interaction' : 'Log interaction'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
