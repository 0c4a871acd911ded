import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client';
import { apiFieldError, fieldLabel, formLevelError, humanFieldMessage } from '../src/components/forms';

/** The console's one mapper from the API's error envelope to what a form shows. */
describe('form messages', () => {
  const validation = (fields: { path: string; message: string }[]) =>
    new ApiError(
      422,
      'validation_error',
      `Invalid request: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
      {
        fields,
      },
    );

  it.each([
    ['name', 'is required', 'Name is required.'],
    ['password', 'must be at least 10 characters', 'Password must be at least 10 characters.'],
    [
      'firstName',
      'Too big: expected string to have <=200 characters',
      'First name can be at most 200 characters.',
    ],
    ['scopes', 'Too small: expected array to have >=1 items', 'Scopes is required.'],
    ['email', 'Invalid email address', 'Enter a valid email address, like name@example.com.'],
    ['leadStatus', 'Invalid option: expected one of "NEW"|"CONTACTED"', 'Choose one of: NEW, CONTACTED.'],
    ['employeeCount', 'Too small: expected number to be >=0', 'Employee count must be at least 0.'],
    ['linkedinUrl', 'Invalid input: expected string, received number', 'LinkedIn URL is not valid.'],
    [
      'mainContact',
      'Give exactly one of mainContact or mainContactEmail.',
      "Give exactly one of main contact or main contact's email.",
    ],
  ])('%s: %j reads as %j', (path, message, expected) => {
    expect(humanFieldMessage(path, message)).toBe(expected);
  });

  it('labels fields the way people say them', () => {
    expect(fieldLabel('body.linkedinUrl')).toBe('LinkedIn URL');
    expect(fieldLabel('tags.3')).toBe('tags');
    expect(fieldLabel('organizationName')).toBe('organization name');
  });

  it('shows a field error under its field only, and whole-record rules once, in words', () => {
    const err = validation([
      { path: 'email', message: 'Invalid email address' },
      { path: '(body)', message: 'Give at least one of firstName, lastName, email, phone or linkedinUrl.' },
      { path: '(body)', message: 'Give at least one of firstName, lastName, email, phone or linkedinUrl.' },
    ]);
    expect(apiFieldError(err, 'email')).toBe('Enter a valid email address, like name@example.com.');
    const top = formLevelError(err, ['email', 'firstName']);
    expect(top).toBe('Give at least one of first name, last name, email, phone or LinkedIn URL.');
    expect(top).not.toContain('(body)');
    expect(top).not.toContain('Invalid request');
    expect(
      formLevelError(validation([{ path: 'email', message: 'is required' }]), ['email']),
    ).toBeUndefined();
  });

  it('turns a 409 naming an existing record into an error on that field, with nothing on top', () => {
    const err = new ApiError(409, 'conflict', 'A person with this email already exists (per_01ABC).', {
      existingId: 'per_01ABC',
      field: 'email',
    });
    expect(apiFieldError(err, 'email')).toBe('Another record already has this email.');
    expect(apiFieldError(err, 'phone')).toBeUndefined();
    expect(formLevelError(err, ['email', 'phone'])).toBeUndefined();
    // A form without that field still says it, without the internal id being the point.
    expect(formLevelError(err, ['name'])).toContain('already exists');
  });

  it('passes other API errors and network failures through as sentences', () => {
    expect(
      formLevelError(new ApiError(403, 'forbidden', 'This needs the admin role or higher', {}), []),
    ).toBe('This needs the admin role or higher.');
    const offline = new ApiError(
      0,
      'network_error',
      'Could not reach the server. Check your connection and try again.',
    );
    expect(formLevelError(offline, [])).toBe(
      'Could not reach the server. Check your connection and try again.',
    );
    expect(formLevelError(undefined, [])).toBeUndefined();
  });
});
