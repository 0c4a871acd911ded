import { Alert, Anchor, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { Link } from 'react-router';
import { apiFieldError, duplicateOf, formLevelError } from '../../components/forms';
import { useFocusFirstInvalid } from '../../components/useFocusFirstInvalid';
import { useCreateRecord, useUpdateRecord } from './crmApi';
import { buildBody, toForm } from './formUtils';

interface RecordFormOptions<T, K extends string> {
  resource: 'people' | 'companies';
  /** `person`, `company`: titles, buttons and test ids are built from it. */
  noun: string;
  /** The string fields the form edits, with their labels. */
  labels: Record<K, string>;
  /** Other fields the form shows (so their 422 messages sit under them, not on top). */
  otherFields: string[];
  record: T | undefined;
  onClose: () => void;
  onSaved: ((r: T) => void) | undefined;
  /** What the client can know before asking the API: field → message (`form` for the whole record). */
  validate?: (values: Record<string, unknown>) => Record<string, string | undefined>;
}

/**
 * State and saving for a create (no `record`) or edit form: on edit only the changed
 * fields are sent, and saving nothing just closes. The API's 422 messages show under
 * each field; the rest show on top.
 */
export function useRecordForm<T extends { id: string }, K extends string>(o: RecordFormOptions<T, K>) {
  const keys = Object.keys(o.labels) as K[];
  const [form, setForm] = useState(toForm(keys, o.record as Partial<Record<K, unknown>> | undefined));
  const create = useCreateRecord<T>(o.resource);
  const update = useUpdateRecord<T>(o.resource);
  const m = o.record ? update : create;
  const dup = duplicateOf(m.error);
  // Client-side findings of the last Save, cleared field by field as the user types.
  const [local, setLocal] = useState<Record<string, string | undefined>>({});
  const [attempt, setAttempt] = useState(0);
  // A duplicate is an error on its field, with a way to the record that already has it.
  const err = (f: string): ReactNode => {
    if (local[f]) return local[f];
    const message = apiFieldError(m.error, f);
    if (!message || dup?.field !== f) return message;
    return (
      <>
        {message}{' '}
        <Anchor component={Link} to={`/crm/${o.resource}/${dup.existingId}`} size="xs" onClick={o.onClose}>
          Open the existing {o.noun}
        </Anchor>
      </>
    );
  };
  const setField = (k: K, v: string) => {
    setForm((s) => ({ ...s, [k]: v }));
    setLocal((l) => ({ ...l, [k]: undefined }));
  };
  const save = (values: Record<string, unknown>) => {
    const found = o.validate?.(values) ?? {};
    setLocal(found);
    if (Object.values(found).some(Boolean)) {
      m.reset();
      setAttempt((n) => n + 1);
      return;
    }
    const record = o.record;
    const body = buildBody(values, record ? { ...(record as Record<string, unknown>) } : undefined);
    const done = (r: T) => {
      o.onSaved?.(r);
      o.onClose();
    };
    if (record) {
      if (Object.keys(body).length === 0) return o.onClose();
      update.mutate({ id: record.id, body }, { onSuccess: done });
    } else create.mutate(body, { onSuccess: done });
  };
  const textInput = (k: K, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={o.labels[k]}
      value={form[k]}
      onChange={(e) => setField(k, e.currentTarget.value)}
      error={err(k)}
      data-testid={`${o.noun}-${k}`}
      {...extra}
    />
  );
  return {
    form,
    setField,
    err,
    save,
    textInput,
    top: local.form ?? formLevelError(m.error, [...keys, ...o.otherFields]),
    pending: m.isPending,
    /** Changes on each failed Save: the dialog moves focus to the first invalid field. */
    failure: m.error ?? (attempt > 0 && Object.values(local).some(Boolean) ? attempt : undefined),
  };
}

/** The dialog around a record form: title, form-level error, Cancel and Save / Create. */
export function RecordFormModal({
  noun,
  editing,
  error,
  failure,
  pending,
  onSubmit,
  onClose,
  children,
}: {
  noun: string;
  editing: boolean;
  error: string | undefined;
  failure?: unknown;
  pending: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const title = editing ? `Edit ${noun}` : `New ${noun}`;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, failure);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered data-testid={`${noun}-form-dialog`}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          {error && (
            <Alert color="red" role="alert" data-testid="form-error">
              {error}
            </Alert>
          )}
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} data-testid={`${noun}-submit`}>
              {editing ? `Save ${noun}` : `Create ${noun}`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
