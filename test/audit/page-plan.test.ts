import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDeps } from '../../src/create-deps.js';
import { type AuditQuery, auditPageRead } from '../../src/modules/audit/query-audit-log.js';
import { backendName } from '../helpers/backend.js';
import { createTestDeps } from '../helpers/deps.js';
import { mostFiltered, planForUnseenOrg } from '../helpers/plan-probe.js';

/**
 * The audit log's page read keeps to `audit_org_id_idx` whatever the statistics say:
 * for an organization they have not seen, and for one whose rows are older than another
 * organization's (the primary key walked backwards had to step over those).
 */
let deps: RunningDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps.close());

// 20,000 rows each, one key event in 50; ids (ULID-shaped, for the cursor) sort by
// organization then number, so all of org_b's rows are newer than org_a's, as a second
// organization's are.
const fill = (org: string) =>
  `insert into audit_events (id, org_id, actor_type, actor_label, action, seq) select 'aud_${org === 'org_a' ? 0 : 1}' || lpad(g::text, 25, '0'), '${org}', 'api_key', 'k', case when g % 50 = 0 then 'api_key.used' else 'person.created' end, g from generate_series(1, 20000) g`;

/** The cursor of a page ending at `id` (the opaque form `queryAuditLog` hands out). */
const cursorAt = (id: string) => Buffer.from(id).toString('base64url');

const page = (org: string, extra: Partial<AuditQuery> = {}): AuditQuery => ({
  orgId: org,
  filters: {},
  keyEventsOnly: false,
  limit: 50,
  ...extra,
});

describe(`audit log page plan (${backendName})`, () => {
  it('reads a new organization newest first from the index, with no sort', async () => {
    const nodes = await planForUnseenOrg(deps, 'audit_events', fill, (tx, org) =>
      auditPageRead(tx, page(org)),
    );
    expect(nodes.map((n) => n['Node Type'])).not.toContain('Sort');
    expect(mostFiltered(nodes)).toBe(0);
  });

  it('reads an older organization without stepping over the newer one', async () => {
    const nodes = await planForUnseenOrg(deps, 'audit_events', fill, (tx) =>
      auditPageRead(tx, page('org_a')),
    );
    expect(nodes.map((n) => n['Node Type'])).not.toContain('Sort');
    expect(mostFiltered(nodes)).toBe(0);
  });

  it('a developer (key events only) and a cursor page stay on an org_id index', async () => {
    const nodes = await planForUnseenOrg(deps, 'audit_events', fill, (tx) =>
      auditPageRead(
        tx,
        page('org_a', { keyEventsOnly: true, cursor: cursorAt(`aud_0${'10000'.padStart(25, '0')}`) }),
      ),
    );
    expect(nodes.map((n) => n['Node Type'])).not.toContain('Sort');
    // One row in 50 is a key event: at most ~50 × 50 rows are stepped over, never org_b's 20,000.
    expect(mostFiltered(nodes)).toBeLessThan(5_000);
  });
});
