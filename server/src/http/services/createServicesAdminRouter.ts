import { binSchema, organisationInputSchema, organisationPatchSchema, type AuditAction } from '@shared';
import { isUtf8 } from 'node:buffer';
import express, { Router } from 'express';
import type { AuditLog } from '../../audit/createAuditLog';
import { importServices } from '../../services/importServices';
import type { ServiceDirectory } from '../../services/serviceDirectory';
import { formatServicesCsv } from '../../services/servicesCsv';
import { sendError, sendInvalid } from '../sendError';

export interface ServicesAdminDeps {
  services: ServiceDirectory;
  audit: AuditLog;
}

/** Bytes that are not UTF-8 are refused, never patched with U+FFFD (a БИН or a name would change silently). */
function requireUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) {
    throw Object.assign(new Error('the file is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
  }
}

/** Largest CSV accepted: a national directory of 20,000 rows at ~200 bytes each. */
const MAX_CSV_BYTES = '5mb';

/**
 * /api/admin/services: the service directory's management (docs/api.md "Service directory").
 * Mounted inside the admin router, so admin role only; every change is audited.
 */
export function createServicesAdminRouter(deps: ServicesAdminDeps): Router {
  const { services, audit } = deps;
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json({ services: await services.list() });
  });

  router.get('/export', async (_req, res) => {
    res.set('Content-Disposition', 'attachment; filename="services.csv"');
    res.type('text/csv; charset=utf-8').send(formatServicesCsv(await services.list()));
  });

  router.post('/', async (req, res) => {
    const parsed = organisationInputSchema.safeParse(
      { active: true, categories: [], ...req.body },
      { reportInput: true },
    );
    if (!parsed.success) {
      sendInvalid(res, parsed.error);
      return;
    }
    const created = await services.create(parsed.data);
    if (!created) {
      sendError(res, 409, 'conflict', `an organisation with БИН ${parsed.data.bin} is already in the directory`, 'bin');
      return;
    }
    await audit.recordFor(res.locals, 'service.create', `service:${created.bin}`, Object.keys(parsed.data));
    res.status(201).json({ service: created });
  });

  router.patch('/:bin', async (req, res) => {
    const bin = binSchema.safeParse(req.params.bin);
    if (!bin.success) {
      sendError(res, 404, 'not_found', 'no such organisation');
      return;
    }
    const parsed = organisationPatchSchema.safeParse(req.body, { reportInput: true });
    if (!parsed.success) {
      sendInvalid(res, parsed.error);
      return;
    }
    const before = await services.get(bin.data);
    const updated = before ? await services.update(bin.data, parsed.data) : null;
    if (!before || !updated) {
      sendError(res, 404, 'not_found', 'no such organisation');
      return;
    }
    const action: AuditAction =
      before.active && !updated.active
        ? 'service.deactivate'
        : !before.active && updated.active
          ? 'service.activate'
          : 'service.update';
    await audit.recordFor(res.locals, action, `service:${updated.bin}`, Object.keys(parsed.data));
    res.json({ service: updated });
  });

  // text/csv only: a cross-site form cannot send it without a preflight (the JSON rule's CSRF reasoning).
  router.post(
    '/import',
    express.text({ type: 'text/csv', limit: MAX_CSV_BYTES, verify: requireUtf8 }),
    async (req, res) => {
      if (!req.is('text/csv') || typeof req.body !== 'string') {
        sendError(res, 415, 'unsupported_media_type', 'send the file as text/csv (UTF-8)');
        return;
      }
      const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
      const result = await importServices(services, req.body, {
        dryRun,
        audit: (action, bin) => audit.recordFor(res.locals, action, `service:${bin}`, ['csv']),
      });
      if (result.ok && result.isApplied) {
        const changed = [`created:${result.created}`, `updated:${result.updated}`, `unchanged:${result.unchanged}`];
        await audit.recordFor(res.locals, 'service.import', 'services', changed);
      }
      if (result.ok) res.json(result);
      else if (result.stoppedAtRow !== undefined) res.status(503).json({ code: 'unavailable', ...result });
      else res.status(422).json({ code: 'invalid_csv', ...result });
    },
  );

  return router;
}
