import { describe, expect, it } from 'vitest';
import {
  clampScopesToRole,
  RESOURCE_SCOPES,
  SCOPE_CATALOGUE,
  SCOPES,
  scopeGrants,
  scopesBeyondRole,
} from '../../src/modules/api-keys/scopes.js';

describe('scopeGrants (§3.4)', () => {
  it.each([
    [['people:read'], 'people:read', true],
    [['people:read'], 'people:write', false],
    [['people:write'], 'people:read', false],
    [['people:write'], 'people:remove', false],
    [['companies:read'], 'people:read', false],
    [['read'], 'interactions:read', true],
    [['read'], 'people:write', false],
    [['write'], 'people:write', true],
    [['write'], 'companies:remove', true],
    [['write'], 'companies:read', true],
    [['ALL'], 'interactions:remove', true],
    [[], 'people:read', false],
    [[], 'authenticated', true],
  ] as const)('%j grants %s: %s', (held, required, expected) => {
    expect(scopeGrants(held, required)).toBe(expected);
  });

  it('has no scope for key management: nothing but self-roll is reachable with a key', () => {
    expect(SCOPES.some((s) => s.startsWith('keys'))).toBe(false);
    expect(RESOURCE_SCOPES).toHaveLength(9);
  });

  it('describes every scope', () => {
    expect(SCOPE_CATALOGUE.map((s) => s.scope)).toEqual([...SCOPES]);
  });
});

describe('what each role may grant', () => {
  it('developers, admins and owners may grant every scope', () => {
    for (const role of ['developer', 'admin', 'owner'] as const)
      expect(scopesBeyondRole(role, [...SCOPES])).toEqual([]);
  });
  it('members never grant deletes, coarse write or ALL', () => {
    expect(scopesBeyondRole('member', ['read', 'people:write', 'people:read'])).toEqual([]);
    expect(scopesBeyondRole('member', ['ALL', 'write', 'people:remove'])).toEqual([
      'ALL',
      'write',
      'people:remove',
    ]);
  });
});

describe('clampScopesToRole', () => {
  it('leaves keys of developers and above, and of the operator, as they are', () => {
    expect(clampScopesToRole(['ALL'], 'developer')).toEqual(['ALL']);
    expect(clampScopesToRole(['people:remove'], null)).toEqual(['people:remove']);
  });
  it('reduces the key of a creator demoted to member to what members may use', () => {
    expect(clampScopesToRole(['people:read', 'people:remove'], 'member')).toEqual(['people:read']);
    const fromAll = clampScopesToRole(['ALL'], 'member');
    expect(fromAll).toContain('people:write');
    expect(fromAll.some((s) => s.endsWith(':remove') || s === 'ALL' || s === 'write')).toBe(false);
  });
});
