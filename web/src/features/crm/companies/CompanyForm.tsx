import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { apiFieldError, formLevelError } from '../../../components/forms';
import { useCreateRecord, useUpdateRecord } from '../crmApi';
import { buildBody, toForm } from '../formUtils';
import type { Company } from '../types';

const TEXT = ['name', 'domain', 'website', 'industry', 'city', 'country', 'description'] as const;
const LABELS: Record<(typeof TEXT)[number], string> = {
  name: 'Name',
  domain: 'Domain',
  website: 'Website',
  industry: 'Industry',
  city: 'City',
  country: 'Country',
  description: 'Description',
};

/** Create (no `company`) or edit a company; the API's 422 messages show under each field. */
export function CompanyForm({
  company,
  onClose,
  onSaved,
}: {
  company?: Company;
  onClose: () => void;
  onSaved?: (c: Company) => void;
}) {
  const [form, setForm] = useState(toForm(TEXT, company));
  const [employees, setEmployees] = useState<number | ''>(company?.employeeCount ?? '');
  const create = useCreateRecord<Company>('companies');
  const update = useUpdateRecord<Company>('companies');
  const m = company ? update : create;
  const err = (f: string) => apiFieldError(m.error, f);
  const top = formLevelError(m.error, [...TEXT, 'employeeCount']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = buildBody(
      { ...form, employeeCount: employees === '' ? '' : employees },
      company ? { ...company } : undefined,
    );
    const done = (c: Company) => {
      onSaved?.(c);
      onClose();
    };
    if (company) {
      if (Object.keys(body).length === 0) return onClose();
      update.mutate({ id: company.id, body }, { onSuccess: done });
    } else create.mutate(body, { onSuccess: done });
  };
  const input = (k: Exclude<(typeof TEXT)[number], 'description'>, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={LABELS[k]}
      value={form[k]}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setForm((s) => ({ ...s, [k]: v }));
      }}
      error={err(k)}
      data-testid={`company-${k}`}
      {...extra}
    />
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={company ? 'Edit company' : 'New company'}
      size="lg"
      centered
      data-testid="company-form-dialog"
    >
      <form onSubmit={submit} noValidate aria-label={company ? 'Edit company' : 'New company'}>
        <Stack>
          {top && (
            <Alert color="red" role="alert" data-testid="form-error">
              {top}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            {input('name', { 'data-autofocus': true })}
            {input('domain', { placeholder: 'example.com' })}
            {input('website', { type: 'url', placeholder: 'https://example.com' })}
            {input('industry')}
            <NumberInput
              label="Employee count"
              min={0}
              allowDecimal={false}
              value={employees}
              onChange={(v) => setEmployees(typeof v === 'number' ? v : '')}
              error={err('employeeCount')}
              data-testid="company-employeeCount"
            />
            {input('city')}
            {input('country')}
          </SimpleGrid>
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxRows={6}
            value={form.description}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setForm((s) => ({ ...s, description: v }));
            }}
            error={err('description')}
            data-testid="company-description"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={m.isPending} data-testid="company-submit">
              {company ? 'Save company' : 'Create company'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
