import { type Command, Option } from 'commander';
import { eq, sql } from 'drizzle-orm';
import { memberships, sessions, users } from '../db/schema/index.js';
import { newId } from '../infra/ids.js';
import { operatorActor } from '../modules/audit/actor.js';
import { recordAudit } from '../modules/audit/record-audit.js';
import { AppError } from '../modules/errors.js';
import { ROLES, type Role } from '../modules/orgs/roles.js';
import { hashPassword } from '../modules/users/password.js';
import { emailSchema, passwordSchema } from '../modules/users/schemas.js';
import { printObject } from './output.js';
import type { ConfigLoader } from './program.js';
import { withDeps } from './with-deps.js';

const parseOr = <T>(
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  v: unknown,
  what: string,
) => {
  const r = schema.safeParse(v);
  if (!r.success) throw new AppError('validation_error', `Invalid ${what}.`);
  return r.data as T;
};

export function registerUsers(program: Command, loadConfig: ConfigLoader) {
  const cmd = program.command('users').description('Manage user accounts (platform operator)');

  cmd
    .command('create')
    .description('Create a user, optionally as a member of an organization')
    .requiredOption('--email <email>', 'email address')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--password <password>', 'initial password (≥ 10 characters)')
    .option('--org <orgId>', 'add the user to this organization')
    .addOption(new Option('--role <role>', 'role in --org').choices(ROLES).default('member'))
    .option('--json', 'print JSON')
    .action(
      (opts: { email: string; name: string; password: string; org?: string; role: Role; json?: boolean }) =>
        withDeps(loadConfig, async (deps) => {
          const email = parseOr<string>(emailSchema, opts.email, 'email');
          const password = parseOr<string>(
            passwordSchema,
            opts.password,
            'password (at least 10 characters)',
          );
          const passwordHash = await hashPassword(password);
          const user = await deps.database.db.transaction(async (tx) => {
            const [taken] = await tx.select().from(users).where(sql`lower(${users.email}) = ${email}`);
            if (taken) throw new AppError('conflict', `A user with email ${email} already exists.`);
            const [row] = await tx
              .insert(users)
              .values({ id: newId('user'), email, name: opts.name, passwordHash })
              .returning({ id: users.id, email: users.email, name: users.name });
            if (!row) throw new Error('user insert returned nothing');
            if (opts.org) {
              await tx.insert(memberships).values({ orgId: opts.org, userId: row.id, role: opts.role });
              await recordAudit(tx, {
                orgId: opts.org,
                actor: operatorActor,
                action: 'member.added',
                target: { type: 'user', id: row.id, label: email },
                metadata: { role: opts.role },
              });
            }
            return row;
          });
          printObject(
            { ...user, ...(opts.org ? { org: opts.org, role: opts.role } : {}) },
            Boolean(opts.json),
          );
        }),
    );

  cmd
    .command('set-password')
    .description("Set a user's password and end all of their sessions")
    .requiredOption('--email <email>', 'email address')
    .requiredOption('--password <password>', 'new password (≥ 10 characters)')
    .action((opts: { email: string; password: string }) =>
      withDeps(loadConfig, async (deps) => {
        const email = parseOr<string>(emailSchema, opts.email, 'email');
        const password = parseOr<string>(passwordSchema, opts.password, 'password (at least 10 characters)');
        const passwordHash = await hashPassword(password);
        const updated = await deps.database.db
          .update(users)
          .set({ passwordHash, updatedAt: deps.clock.now() })
          .where(eq(sql`lower(${users.email})`, email))
          .returning({ id: users.id });
        const [user] = updated;
        if (!user) throw new AppError('not_found', `No user with email ${email}.`);
        await deps.database.db.delete(sessions).where(eq(sessions.userId, user.id));
        console.log(`Password updated for ${email}.`);
      }),
    );
}
