import { NumberInput, SimpleGrid, Textarea } from '@mantine/core';
import { useState } from 'react';
import { RecordFormModal, useRecordForm } from '../RecordForm';
import type { Company } from '../types';

const LABELS = {
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
  const f = useRecordForm({
    resource: 'companies',
    noun: 'company',
    labels: LABELS,
    otherFields: ['employeeCount'],
    record: company,
    onClose,
    onSaved,
    validate: (v) => ({
      name: typeof v.name === 'string' && v.name.trim() ? undefined : 'Name is required.',
      employeeCount:
        typeof v.employeeCount === 'number' && v.employeeCount < 0
          ? 'Employee count cannot be negative.'
          : undefined,
    }),
  });
  const [employees, setEmployees] = useState<number | ''>(company?.employeeCount ?? '');
  return (
    <RecordFormModal
      noun="company"
      editing={Boolean(company)}
      error={f.top}
      failure={f.failure}
      pending={f.pending}
      onSubmit={() => f.save({ ...f.form, employeeCount: employees === '' ? '' : employees })}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        {f.textInput('name', { 'data-autofocus': true })}
        {f.textInput('domain', { placeholder: 'example.com' })}
        {f.textInput('website', { type: 'url', placeholder: 'https://example.com' })}
        {f.textInput('industry')}
        <NumberInput
          label="Employee count"
          min={0}
          allowDecimal={false}
          value={employees}
          onChange={(v) => setEmployees(typeof v === 'number' ? v : '')}
          error={f.err('employeeCount')}
          data-testid="company-employeeCount"
        />
        {f.textInput('city')}
        {f.textInput('country')}
      </SimpleGrid>
      <Textarea
        label="Description"
        autosize
        minRows={2}
        maxRows={6}
        value={f.form.description}
        onChange={(e) => f.setField('description', e.currentTarget.value)}
        error={f.err('description')}
        data-testid="company-description"
      />
    </RecordFormModal>
  );
}
