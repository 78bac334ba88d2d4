import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_RULE_TEXT, passwordProblem } from '../auth/passwordPolicy';
import { ROLES } from '../domain/roles';
import { regionCodeSchema } from './common';

/** Login name: 3–32 lowercase letters, digits, dot, dash, underscore. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, '3–32 characters: latin letters, digits, . _ -');

/**
 * A password a person chooses, checked by the shared policy (auth/passwordPolicy.ts) except
 * for the username rule, which needs the username: see `refinePassword`. A broken rule is an
 * issue with `params.rule`, so a form can show its own words for it.
 */
export const passwordSchema = z.string().superRefine((password, ctx) => refinePassword(password, undefined, ctx));

/** Adds an issue at `path` when the password breaks a rule of the policy. */
export function refinePassword(
  password: string,
  username: string | undefined,
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
): void {
  const rule = passwordProblem(password, { username });
  if (rule) ctx.addIssue({ code: 'custom', message: PASSWORD_RULE_TEXT[rule], path, params: { rule } });
}

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
export const createUserBodySchema = z
  .object({
    username: usernameSchema,
    password: z.string().max(PASSWORD_MAX_LENGTH),
    role: roleSchema,
    regions: regionScopeSchema,
    displayName: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((body, ctx) => refinePassword(body.password, body.username, ctx, ['password']));
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

/** POST /api/auth/password: the signed-in user changes their own password. */
export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().max(PASSWORD_MAX_LENGTH),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;
