import { describeIssues, type ApiError } from '@shared';
import type { Response } from 'express';
import type { z } from 'zod';

/** Every error answer of the API has one shape: `{ code, message, field? }` (docs/api.md). */
export function sendError(res: Response, status: number, code: string, message: string, field?: string): void {
  const body: ApiError = { code, message, ...(field !== undefined && field !== '' ? { field } : {}) };
  res.status(status).json(body);
}

/**
 * 422 for a body or query that parsed but breaks the schema: `field` is the dotted path
 * of the first problem, `message` lists them all ("citizen.phone: not a Kazakh phone…").
 */
export function sendInvalid(res: Response, error: z.ZodError, status = 422): void {
  const first = error.issues[0];
  const field = first ? first.path.map(String).join('.') : undefined;
  const unknownKey = first?.code === 'unrecognized_keys' ? first.keys[0] : undefined;
  sendError(
    res,
    status,
    'invalid',
    describeIssues(error),
    unknownKey !== undefined ? [field, unknownKey].filter(Boolean).join('.') : field,
  );
}
