import { sql } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../errors.js';
import { dummyHash, verifyPassword } from './password.js';

/**
 * Checks an email + password. Unknown emails are checked against a dummy hash so both
 * failures take the same time and return the same message.
 */
export async function verifyCredentials(deps: Deps, email: string, password: string) {
  const [user] = await deps.database.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok)
    throw new AppError('unauthorized', 'Email or password is incorrect.', { reason: 'credentials' });
  return { id: user.id, email: user.email, name: user.name };
}
