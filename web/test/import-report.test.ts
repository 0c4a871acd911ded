import { describe, expect, it } from 'vitest';
import { csvCell, errorReportCsv, itemErrorMessage } from '../src/features/crm/import/errorReport';
import { parseCsv } from '../src/features/crm/import/parseCsv';
import { contentKey } from '../src/features/crm/import/useImportRun';

describe('import error report', () => {
  it('quotes only what needs quoting', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('')).toBe('');
  });

  it('writes the original columns, the line and the error, and reads back as the same cells', () => {
    const text = errorReportCsv(
      ['First Name', 'Email'],
      [
        { line: 3, cells: ['Ada, the first', 'bad'], message: 'Email: Enter a valid email address.' },
        { line: 9, cells: ['Multi\r\nline "quoted"'], message: 'Give at least one of email, phone.' },
      ],
    );
    expect(text.startsWith('\uFEFFFirst Name,Email,line,error\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const back = parseCsv(text);
    expect(back.headers).toEqual(['First Name', 'Email', 'line', 'error']);
    expect(back.rows.map((r) => r.cells)).toEqual([
      ['Ada, the first', 'bad', '3', 'Email: Enter a valid email address.'],
      ['Multi\r\nline "quoted"', '', '9', 'Give at least one of email, phone.'],
    ]);
  });

  it('says item errors field by field, in the forms’ words', () => {
    expect(
      itemErrorMessage({
        code: 'validation_error',
        message: 'Invalid item: email',
        details: { fields: [{ path: 'email', message: 'Invalid email address' }] },
      }),
    ).toBe('Email: Enter a valid email address, like name@example.com.');
    expect(
      itemErrorMessage({
        code: 'validation_error',
        message: 'Invalid item: (item)',
        details: {
          fields: [
            {
              path: '(item)',
              message: 'Give at least one of firstName, lastName, email, phone or linkedinUrl.',
            },
          ],
        },
      }),
    ).toBe('Give at least one of first name, last name, email, phone or LinkedIn URL.');
    expect(itemErrorMessage({ code: 'conflict', message: 'The item conflicts with another record.' })).toBe(
      'The item conflicts with another record.',
    );
  });

  it('keys an interaction by its content: stable, and different for different content', () => {
    const a = contentKey(JSON.stringify({ type: 'MEETING', title: 'Kick-off' }));
    expect(a).toMatch(/^[0-9a-f]{28}$/);
    expect(contentKey(JSON.stringify({ type: 'MEETING', title: 'Kick-off' }))).toBe(a);
    expect(contentKey(JSON.stringify({ type: 'MEETING', title: 'Kick-of' }))).not.toBe(a);
  });
});
