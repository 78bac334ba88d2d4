import { sendError, sendInvalid } from '../sendError';
import { createUserBodySchema, regionScopeSchema, roleSchema } from '@shared';
import { Router } from 'express';
import { z } from 'zod';
import type { HistoryProgress } from '../../archive/history/createHistoryBackfill';
import { AUDIT_ACTIONS, type AuditLog } from '../../audit/createAuditLog';
import type { KioskTokenStore } from '../../auth/kioskTokens';
import { generatePassword } from '../../auth/passwords';
import { toSessionUser, type UserRecord, type UserStore } from '../../auth/userStore';
import { claimsOf, requireAction } from './middleware';

export interface AdminRouterDeps {
  users: UserStore;
  kiosks: KioskTokenStore;
  audit: AuditLog;
  /** Disconnects every socket of a user or kiosk token at once (`user:<name>`, `kiosk:<id>`). */
  disconnectSubject: (room: string) => void;
  /** /api/admin/services (the service directory), when wired. */
  services?: Router;
  /** The demo history backfill's progress (GET /api/admin/history); null when none runs here. */
  historyProgress?: () => HistoryProgress | null;
}

const updateUserBodySchema = z
  .object({ role: roleSchema, regions: regionScopeSchema, isDisabled: z.boolean() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

const issueKioskBodySchema = z.object({ label: z.string().trim().min(1).max(100), regions: regionScopeSchema });

const auditQuerySchema = z.object({
  actor: z.string().max(100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  target: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const publicUser = (user: UserRecord) => ({
  ...toSessionUser(user),
  isDisabled: user.isDisabled,
  mustChangePassword: user.mustChangePassword === true,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});

/** /api/admin: users, kiosk tokens and the audit trail. Admin role only; every change audited. */
export function createAdminRouter(deps: AdminRouterDeps): Router {
  const router = Router();
  router.use(requireAction('administer'));
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  if (deps.services) router.use('/services', deps.services);
  router.get('/history', (_req, res) => {
    res.json({ history: deps.historyProgress?.() ?? null });
  });

  router.get('/users', async (_req, res) => {
    res.json({ users: (await deps.users.list()).map(publicUser) });
  });

  router.post('/users', async (req, res) => {
    const parsed = createUserBodySchema.safeParse(req.body, { reportInput: true });
    if (!parsed.success) {
      sendInvalid(res, parsed.error, 400);
      return;
    }
    if (await deps.users.get(parsed.data.username)) {
      sendError(res, 409, 'conflict', `user ${parsed.data.username} already exists`);
      return;
    }
    // The admin knows this password: the user has to replace it at the first sign-in.
    const user = await deps.users.add({ ...parsed.data, mustChangePassword: true });
    await deps.audit.recordFor(res.locals, 'user.create', `user:${user.username}`, ['role', 'regions', 'password']);
    res.status(201).json({ user: publicUser(user) });
  });

  router.patch('/users/:username', async (req, res) => {
    const parsed = updateUserBodySchema.safeParse(req.body, { reportInput: true });
    if (!parsed.success) {
      sendInvalid(res, parsed.error, 400);
      return;
    }
    const change = parsed.data;
    // Any change of who may do or see what voids the user's existing sessions.
    const user = await deps.users.update(String(req.params.username), (u) => ({
      ...u,
      ...change,
      sessionVersion: (u.sessionVersion ?? 0) + 1,
    }));
    if (!user) {
      sendError(res, 404, 'not_found', 'no such user');
      return;
    }
    // Any change of who may see what ends the user's live sockets; they reconnect with the new claims.
    deps.disconnectSubject(`user:${user.username}`);
    const action =
      change.isDisabled === true ? 'user.disable' : change.isDisabled === false ? 'user.enable' : 'user.update';
    await deps.audit.recordFor(res.locals, action, `user:${user.username}`, Object.keys(change));
    res.json({ user: publicUser(user) });
  });

  router.post('/users/:username/reset-password', async (req, res) => {
    const password = generatePassword();
    const user = await deps.users.setPassword(String(req.params.username), password, { mustChangePassword: true });
    if (!user) {
      sendError(res, 404, 'not_found', 'no such user');
      return;
    }
    deps.disconnectSubject(`user:${user.username}`);
    await deps.audit.recordFor(res.locals, 'user.password_reset', `user:${user.username}`, ['password']);
    res.json({ user: publicUser(user), password });
  });

  router.get('/kiosk-tokens', async (_req, res) => {
    res.json({ tokens: await deps.kiosks.list() });
  });

  router.post('/kiosk-tokens', async (req, res) => {
    const parsed = issueKioskBodySchema.safeParse(req.body, { reportInput: true });
    if (!parsed.success) {
      sendInvalid(res, parsed.error, 400);
      return;
    }
    const claims = claimsOf(res.locals);
    const { token, secret } = await deps.kiosks.issue(parsed.data.label, parsed.data.regions, claims.user.username);
    await deps.audit.recordFor(res.locals, 'kiosk.issue', `kiosk:${token.id}`);
    res.status(201).json({ token, path: `/kiosk/${secret}` });
  });

  router.delete('/kiosk-tokens/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!(await deps.kiosks.revoke(id))) {
      sendError(res, 404, 'not_found', 'no such kiosk token');
      return;
    }
    deps.disconnectSubject(`kiosk:${id}`);
    await deps.audit.recordFor(res.locals, 'kiosk.revoke', `kiosk:${id}`);
    res.status(204).end();
  });

  router.get('/audit', async (req, res) => {
    const parsed = auditQuerySchema.safeParse(req.query, { reportInput: true });
    if (!parsed.success) {
      sendInvalid(res, parsed.error, 400);
      return;
    }
    const { limit, ...filter } = parsed.data;
    res.json({ entries: await deps.audit.query({ ...filter, limit }) });
  });

  return router;
}
