import { describe, expect, it } from 'vitest';
import { duplicateTargets, guessField, guessMapping, mappedItem } from '../src/features/crm/import/fields';
import { CsvFileError, parseCsv } from '../src/features/crm/import/parseCsv';

describe('import column guesser', () => {
  it('knows a field by its own name in any spelling', () => {
    for (const h of ['firstName', 'first_name', 'First Name', 'FIRST-NAME', ' first name '])
      expect(guessField(h, 'people')).toBe('firstName');
    expect(guessField('LinkedIn URL', 'people')).toBe('linkedinUrl');
    expect(guessField('lead_status', 'people')).toBe('leadStatus');
    expect(guessField('Employee Count', 'companies')).toBe('employeeCount');
  });

  it('knows common synonyms, per record type', () => {
    expect(guessField('E-mail', 'people')).toBe('email');
    expect(guessField('Email Address', 'people')).toBe('email');
    expect(guessField('Surname', 'people')).toBe('lastName');
    expect(guessField('Given name', 'people')).toBe('firstName');
    expect(guessField('Mobile', 'people')).toBe('phone');
    expect(guessField('Job Title', 'people')).toBe('title');
    expect(guessField('Notes', 'people')).toBe('remarks');
    expect(guessField('Company Website', 'companies')).toBe('website');
    expect(guessField('Company Name', 'companies')).toBe('name');
    expect(guessField('Employees', 'companies')).toBe('employeeCount');
    expect(guessField('Notes', 'companies')).toBe('description');
    // A person has no website field; a company has no first name.
    expect(guessField('Company Website', 'people')).toBeNull();
    expect(guessField('First Name', 'companies')).toBeNull();
  });

  it('knows interaction columns', () => {
    expect(guessMapping(['Type', 'Subject', 'Email', 'Date', 'Notes', 'Thread id'], 'interactions')).toEqual([
      'type',
      'title',
      'mainContactEmail',
      'interactionDate',
      'summary',
      'secondaryId',
    ]);
  });

  it('maps custom.<name> headers to custom fields and leaves the unknown alone', () => {
    expect(guessField('custom.plan', 'people')).toBe('custom.plan');
    expect(guessField('customFields.seats', 'companies')).toBe('custom.seats');
    expect(guessField('Favourite colour', 'people')).toBeNull();
    expect(guessField('', 'people')).toBeNull();
  });

  it('guesses each field for one column only', () => {
    expect(guessMapping(['Email', 'E-mail', 'Name', 'first'], 'people')).toEqual([
      'email',
      null,
      null,
      'firstName',
    ]);
    expect(duplicateTargets(['email', 'title', 'email', null, null])).toEqual(['email']);
    expect(duplicateTargets(['email', null, null])).toEqual([]);
  });

  it('builds the batch item with the CLI cell rules', () => {
    expect(
      mappedItem(
        [' Ada ', '', 'vip; beta, x', 'pro', 'ignored', '12'],
        ['firstName', 'lastName', 'tags', 'custom.plan', null, 'employeeCount'],
      ),
    ).toEqual({
      firstName: 'Ada',
      tags: ['vip', 'beta', 'x'],
      customFields: { plan: 'pro' },
      employeeCount: 12,
    });
  });
});

describe('CSV parsing in the browser', () => {
  it('handles a BOM, quoted commas, quotes and line breaks, blank lines and mixed line ends', () => {
    const text =
      '\uFEFFname,email\r\n"Lovelace, Ada","a@x.test"\r\n\r\n"Multi\nline",b@x.test\n,\n\nq"uo,"say ""hi"""\n';
    const { headers, rows } = parseCsv(text);
    expect(headers).toEqual(['name', 'email']);
    expect(rows).toEqual([
      { line: 2, cells: ['Lovelace, Ada', 'a@x.test'] },
      { line: 4, cells: ['Multi\nline', 'b@x.test'] },
      { line: 8, cells: ['q"uo', 'say "hi"'] },
    ]);
  });

  it('names blank headers and refuses empty or broken files in words', () => {
    expect(parseCsv('a,,c\n1,2,3').headers).toEqual(['a', 'Column 2', 'c']);
    expect(() => parseCsv('')).toThrow(CsvFileError);
    expect(() => parseCsv('a,b\n')).toThrow('no rows');
    expect(() => parseCsv('a,b\n"unclosed,1\n')).toThrow(/not valid CSV/);
  });
});
