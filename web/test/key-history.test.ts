import { describe, expect, it } from 'vitest';
import type { ApiKey, AuditEvent } from '../src/api/types';
import { keyHistory } from '../src/features/keys/keyHistory';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const ago = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

const key = (over: Partial<ApiKey> = {}): ApiKey => ({
  id: 'key_a',
  prefix: 'klipy_api_aaaa',
  name: 'Sync',
  scopes: ['read'],
  kind: 'standard',
  status: 'active',
  expiresAt: null,
  createdAt: ago(48),
  createdBy: { id: 'usr_1', email: 'ada@example.com', name: 'Ada' },
  lastUsedAt: null,
  lastUsedIp: null,
  revokedAt: null,
  replacedBy: null,
  ...over,
});

let n = 0;
const event = (
  action: string,
  at: string,
  metadata: Record<string, unknown> = {},
  target = 'key_a',
): AuditEvent => ({
  id: `aud_${++n}`,
  action,
  actor: { type: 'user', id: 'usr_1', label: 'ada@example.com' },
  keyCreatorId: null,
  target: { type: 'api_key', id: target, label: 'Sync' },
  metadata,
  ip: null,
  requestId: null,
  createdAt: at,
});

describe('keyHistory', () => {
  it('orders created, edited, rolled oldest first, then the end of the grace period ahead', () => {
    const items = keyHistory({
      keyId: 'key_a',
      apiKey: key({ replacedBy: 'key_b', revokedAt: ago(-24) }),
      now: NOW,
      // The audit log lists newest first; a CRM write made with the key is no status change.
      events: [
        event('api_key.rolled', ago(1), { newPrefix: 'klipy_api_bbbb', oldKeyEndsAt: ago(-24) }),
        event('person.created', ago(2), {}, 'per_1'),
        event('api_key.ip_refused', ago(3)),
        event('api_key.updated', ago(4), { changes: { name: {}, ipAllowlist: {} } }),
        event('api_key.created', ago(48)),
      ],
    });
    expect(items.map((i) => [i.kind, !!i.upcoming])).toEqual([
      ['created', false],
      ['edited', false],
      ['rolled', false],
      ['stopped', true],
    ]);
    expect(items[1]?.detail).toBe('Changed name, IP allow-list');
    expect(items[2]?.detail).toBe('Replaced by klipy_api_bbbb; this key works until the grace period ends');
    expect(items[3]?.title).toBe('Stops working');
  });

  it('derives expiry from expiresAt: past is "expired", future is "expires" ahead, none after a revocation', () => {
    const expired = keyHistory({
      keyId: 'key_a',
      apiKey: key({ expiresAt: ago(1), status: 'expired' }),
      events: [],
      now: NOW,
    });
    expect(expired.map((i) => i.kind)).toEqual(['created', 'expired']);
    const ahead = keyHistory({ keyId: 'key_a', apiKey: key({ expiresAt: ago(-72) }), events: [], now: NOW });
    expect(ahead.map((i) => [i.kind, !!i.upcoming])).toEqual([
      ['created', false],
      ['expires', true],
    ]);
    const revoked = keyHistory({
      keyId: 'key_a',
      apiKey: key({ expiresAt: ago(-72), revokedAt: ago(2), status: 'revoked' }),
      events: [event('api_key.revoked', ago(2), { reason: 'leaked' })],
      now: NOW,
    });
    expect(revoked.map((i) => i.kind)).toEqual(['created', 'revoked']);
    expect(revoked[1]?.detail).toBe('Because a secret scanner reported it leaked');
  });

  it('names the key a rolled-in key replaced, and tells a deleted key from its events alone', () => {
    const successor = keyHistory({
      keyId: 'key_b',
      apiKey: key({ id: 'key_b', createdAt: ago(1) }),
      predecessor: key(),
      events: [],
      now: NOW,
    });
    expect(successor[0]).toMatchObject({
      kind: 'created',
      detail: 'By rolling Sync (klipy_api_aaaa)',
      by: 'Ada',
    });
    const gone = keyHistory({
      keyId: 'key_a',
      events: [
        event('api_key.deleted', ago(1)),
        event('api_key.revoked', ago(5)),
        event('api_key.created', ago(9)),
      ],
      now: NOW,
    });
    expect(gone.map((i) => i.kind)).toEqual(['created', 'revoked', 'deleted']);
  });
});
