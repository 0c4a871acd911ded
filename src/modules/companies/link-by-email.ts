import type { Tx } from '../../db/client.js';
import { companies } from '../../db/schema/index.js';
import { newId } from '../../infra/ids.js';
import { auditCrm } from '../crm-common/audit.js';
import type { CrmContext } from '../crm-common/context.js';
import { isFreeMailDomain } from '../crm-common/free-mail.js';
import { emailDomain, normalizeDomain } from '../crm-common/normalize.js';
import { companyCreatedEvent } from '../events/crm-events.js';
import { companyByDomain } from './record.js';

/** `analytical-engines.co.uk` → `Analytical Engines`: a readable default company name. */
export function nameFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * The company a person with `email` belongs to, as Klipy links it: the company with
 * the email's domain, created if needed. Free-mail domains link nothing. Runs in the
 * person's transaction; `on conflict do nothing` lets two people of a new domain
 * arriving at once share one company instead of failing.
 */
export async function companyForEmail(tx: Tx, ctx: CrmContext, email: string, now: Date) {
  const raw = emailDomain(email);
  const domain = raw ? normalizeDomain(raw) : null;
  if (!domain || isFreeMailDomain(domain)) return null;
  const existing = await companyByDomain(tx, ctx.orgId, domain);
  if (existing) return existing.id;
  const [created] = await tx
    .insert(companies)
    .values({
      id: newId('company'),
      orgId: ctx.orgId,
      name: nameFromDomain(domain),
      domain,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [companies.orgId, companies.domain] })
    .returning();
  if (!created) return (await companyByDomain(tx, ctx.orgId, domain))?.id ?? null;
  await auditCrm(
    tx,
    ctx,
    'company.created',
    { type: 'company', id: created.id, label: created.name },
    { metadata: { domain, reason: 'linked_from_email' }, events: [companyCreatedEvent(created)] },
  );
  return created.id;
}
