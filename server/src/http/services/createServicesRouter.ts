import {
  categoryCodeSchema,
  REGION_CODES,
  regionCodeSchema,
  serviceLoadQuerySchema,
  servesAppeal,
  type Appeal,
  type RegionCode,
  type ServiceLoadResponse,
} from '@shared';
import { Router } from 'express';
import { z } from 'zod';
import { isAllowed } from '../../auth/claims';
import { presentServiceLoadRow } from '../../presenters/presentServiceLoad';
import { createServiceResolver, computeServiceLoad } from '../../services/serviceLoad';
import type { ServiceDirectory } from '../../services/serviceDirectory';
import { claimsOf } from '../auth/middleware';
import { sendError, sendInvalid } from '../sendError';

export interface ServicesRouterDeps {
  services: Pick<ServiceDirectory, 'snapshot'>;
  appeals: () => Iterable<Appeal>;
  now: () => number;
}

const listQuerySchema = z.strictObject({
  region: regionCodeSchema.optional(),
  category: categoryCodeSchema.optional(),
  /** `true` includes deactivated organisations (to name them on old appeals). */
  all: z.enum(['true', 'false']).optional(),
});

/**
 * /api/services (any signed-in role, after the API's `read` check): the directory for the
 * assignment picker, and each service's load, both within the caller's regions.
 */
export function createServicesRouter(deps: ServicesRouterDeps): Router {
  const router = Router();
  const resolve = createServiceResolver();

  router.get('/services', async (req, res) => {
    const parsed = listQuerySchema.safeParse(req.query, { reportInput: true });
    if (!parsed.success) {
      sendInvalid(res, parsed.error, 400);
      return;
    }
    const { region, category, all } = parsed.data;
    const claims = claimsOf(res.locals);
    if (region !== undefined && !isAllowed(claims, 'read', region)) {
      sendError(res, 403, 'region_out_of_scope', `region ${region} is not one of yours`, 'region');
      return;
    }
    const directory = await deps.services.snapshot();
    const services = directory.organisations.filter(
      (org) =>
        (all === 'true' || org.active) &&
        org.regions.some((r) => isAllowed(claims, 'read', r)) &&
        (region === undefined || servesAppeal(org, region, category)) &&
        (category === undefined || org.categories.length === 0 || org.categories.includes(category)),
    );
    res.set('Cache-Control', 'no-store');
    res.json({ services });
  });

  router.get('/services/load', async (req, res) => {
    const parsed = serviceLoadQuerySchema.safeParse(req.query, { reportInput: true });
    if (!parsed.success) {
      sendInvalid(res, parsed.error, 400);
      return;
    }
    const claims = claimsOf(res.locals);
    const asked: RegionCode[] = parsed.data.region ?? REGION_CODES.filter((r) => isAllowed(claims, 'read', r));
    const refused = asked.find((r) => !isAllowed(claims, 'read', r));
    if (refused !== undefined) {
      sendError(res, 403, 'region_out_of_scope', `region ${refused} is not one of yours`, 'region');
      return;
    }
    const now = deps.now();
    const directory = await deps.services.snapshot();
    const body: ServiceLoadResponse = {
      regions: asked,
      asOf: now,
      services: computeServiceLoad(deps.appeals(), directory, new Set(asked), now, resolve).map(presentServiceLoadRow),
    };
    res.set('Cache-Control', 'no-store');
    res.json(body);
  });

  return router;
}
