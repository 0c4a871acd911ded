import { sql } from 'drizzle-orm';
import { isUniqueViolation } from '../../db/errors.js';
import { users } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../infra/ids.js';
import type { RequestContext } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { AppError } from '../errors.js';
import { createOrgInTx } from '../orgs/create-org.js';
import { hashPassword } from './password.js';
import type { SignupInput } from './schemas.js';

const emailTaken = () =>
  new AppError('conflict', 'An account with this email already exists. Log in instead.', { field: 'email' });

/** Creates a user and a new organization they own, in one transaction. */
export async function signUp(deps: Deps, input: SignupInput, context: RequestContext = {}) {
  const { db } = deps.database;
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${input.email}`);
  if (existing.length > 0) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ id: newId('user'), email: input.email, name: input.name, passwordHash })
        .returning({ id: users.id, email: users.email, name: users.name });
      if (!user) throw new Error('user insert returned nothing');
      const actor = { type: 'user', id: user.id, label: user.email } as const;
      const org = await createOrgInTx(tx, {
        name: input.organizationName,
        plan: deps.config.KLIPY_DEFAULT_PLAN,
        apiEnabled: deps.config.KLIPY_API_ACCESS_DEFAULT,
        ownerId: user.id,
        actor,
      });
      await recordAudit(tx, {
        orgId: org.id,
        actor,
        action: 'user.signed_up',
        target: { type: 'user', id: user.id, label: user.email },
        context,
      });
      return { user, org };
    });
  } catch (err) {
    // Two signups with one email racing: the unique index decides, the loser gets a 409.
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}
