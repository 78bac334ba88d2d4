import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { regionCodeSchema } from './common';

/** Login name: 3–32 lowercase letters, digits, dot, dash, underscore. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, '3–32 characters: latin letters, digits, . _ -');

/** A password a person chooses: 10–200 characters. */
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200, 'at most 200 characters');

export const roleSchema = z.enum(ROLES);

export const regionScopeSchema = z.union([z.literal('all'), z.array(regionCodeSchema).min(1).max(20)]);

/** POST /api/auth/login */
export const loginBodySchema = z.object({
  username: usernameSchema,
  // Not checked for strength here: a login must not reveal the password policy of an account.
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** POST /api/admin/users */
export const createUserBodySchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
  regions: regionScopeSchema,
  displayName: z.string().trim().min(1).max(100).optional(),
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;
