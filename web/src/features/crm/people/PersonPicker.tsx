import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useCrmQuery } from '../crmApi';
import { type Person, personName } from '../types';

/** The chosen contact: an existing person, or an email that creates one. */
export type ContactChoice = { personId: string } | { email: string } | null;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NEW = 'new:';

/**
 * Search people by name or email and pick one; typing an email nobody has offers
 * "New person: …" (the API creates them). Options come from the server's search, so
 * it works the same with 10 or 1,000,000 people.
 */
export function PersonPicker({
  onChange,
  error,
  defaultEmail,
}: {
  onChange: (choice: ContactChoice) => void;
  error?: ReactNode;
  defaultEmail?: string;
}) {
  const [value, setValue] = useState<string | null>(defaultEmail ? `${NEW}${defaultEmail}` : null);
  const [search, setSearch] = useState(defaultEmail ?? '');
  const [q] = useDebouncedValue(search.trim(), 250);
  const people = useCrmQuery<Person>('people', q ? { text: q } : {}, null, 10);
  const found = people.data?.data ?? [];
  const options = found.map((p) => ({
    value: p.id,
    label: p.email ? `${personName(p)} · ${p.email}` : personName(p),
  }));
  const typedEmail = q.toLowerCase();
  if (EMAIL.test(typedEmail) && !found.some((p) => p.email?.toLowerCase() === typedEmail))
    options.push({ value: `${NEW}${typedEmail}`, label: `New person: ${typedEmail}` });
  if (value?.startsWith(NEW) && !options.some((o) => o.value === value))
    options.push({ value, label: `New person: ${value.slice(NEW.length)}` });
  return (
    <Select
      label="Main contact"
      description="Search by name or email; a new email creates the person"
      placeholder="Type a name or email"
      searchable
      clearable
      required
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={people.isFetching ? 'Searching…' : 'No match: type their email to add them'}
      onChange={(v) => {
        setValue(v);
        if (!v) onChange(null);
        else if (v.startsWith(NEW)) onChange({ email: v.slice(NEW.length) });
        else onChange({ personId: v });
      }}
      error={error}
      data-testid="interaction-contact-picker"
    />
  );
}
