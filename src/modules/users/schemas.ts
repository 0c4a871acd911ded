import { z } from 'zod';
import { ROLES } from '../orgs/roles.js';
import { MIN_PASSWORD_LENGTH } from './password.js';

export const emailSchema = z
  .email({ error: 'must be a valid email address' })
  .max(254)
  .transform((v) => v.trim().toLowerCase())
  .meta({ description: 'Email address (case-insensitive).', example: 'ada@example.com' });

export const passwordSchema = z
  .string({ error: 'is required' })
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'must be at most 200 characters')
  .meta({ description: `Password, ${MIN_PASSWORD_LENGTH}–200 characters.` });

const personName = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters');

export const signupInput = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: personName.meta({ description: 'Your name.', example: 'Ada Lovelace' }),
    organizationName: personName.meta({
      description: 'Name of the organization to create.',
      example: 'Acme',
    }),
  })
  .strict();
export type SignupInput = z.infer<typeof signupInput>;

export const loginInput = z
  .object({ email: emailSchema, password: z.string({ error: 'is required' }).min(1, 'is required').max(200) })
  .strict();
export type LoginInput = z.infer<typeof loginInput>;

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

export const invitationInput = z.object({ email: emailSchema, role: roleSchema }).strict();
export type InvitationInput = z.infer<typeof invitationInput>;

export const acceptInvitationInput = z
  .object({
    token: z.string().min(10).max(200),
    name: personName,
    password: passwordSchema,
  })
  .strict();
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInput>;
