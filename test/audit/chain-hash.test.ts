import { describe, expect, it } from 'vitest';
import {
  CANONICAL_FIELDS,
  type ChainedContent,
  canonicalForm,
  canonicalJson,
  chainHash,
} from '../../src/modules/audit/chain-hash.js';

const row: ChainedContent = {
  id: 'aud_01JABCDEFGHJKMNPQRSTVWXYZ',
  orgId: 'org_01JABCDEFGHJKMNPQRSTVWXYZ',
  seq: 7,
  prevHash: 'a'.repeat(64),
  createdAt: new Date('2026-12-03T14:00:00.123Z'),
  action: 'person.updated',
  actorType: 'api_key',
  actorId: 'key_01J',
  actorLabel: 'klipy_live_ab…',
  keyCreatorId: null,
  targetType: 'person',
  targetId: 'per_01J',
  targetLabel: 'Zoë "Q" Ünal',
  metadata: { fields: ['email', 'title'], b: { z: 1, a: [null, 2.5] } },
  ip: null,
  requestId: 'req_1',
};

describe('audit chain canonical form', () => {
  it('is pinned: a known row hashes to the value every earlier release computed', () => {
    expect(canonicalForm(row)).toBe(
      '{"action":"person.updated","actor_id":"key_01J","actor_label":"klipy_live_ab…","actor_type":"api_key",' +
        '"created_at":"2026-12-03T14:00:00.123Z","id":"aud_01JABCDEFGHJKMNPQRSTVWXYZ","ip":null,' +
        '"key_creator_id":null,"metadata":{"b":{"a":[null,2.5],"z":1},"fields":["email","title"]},' +
        '"org_id":"org_01JABCDEFGHJKMNPQRSTVWXYZ","prev_hash":"' +
        'a'.repeat(64) +
        '","request_id":"req_1","seq":7,"target_id":"per_01J","target_label":"Zoë \\"Q\\" Ünal","target_type":"person"}',
    );
    expect(chainHash(row)).toBe('c833bf88d0343268029542e52a8fcb1f5c690b86cafd0211141c7dcdbad12567');
  });

  it('equals the generic sorted-key JSON of the snake_case row, null and unset seq included', () => {
    const snake = (r: ChainedContent) =>
      Object.fromEntries(
        CANONICAL_FIELDS.map((f) => {
          const key = f.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof ChainedContent;
          const value = r[key];
          return [f, value instanceof Date ? value.toISOString() : value];
        }),
      );
    const variants: ChainedContent[] = [
      row,
      { ...row, seq: null, prevHash: null, orgId: null, metadata: {} },
      { ...row, metadata: { 'b"': 1, a: { y: [{}], x: 'é\n' } }, ip: '::1', keyCreatorId: 'usr_1' },
    ];
    for (const v of variants) expect(canonicalForm(v)).toBe(canonicalJson(snake(v)));
  });
});
