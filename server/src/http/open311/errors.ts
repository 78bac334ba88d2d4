import type { RequestHandler, Response } from 'express';

/** One GeoReport v2 error: the HTTP status as a number and a human description. */
export interface Open311Error {
  code: number;
  description: string;
}

/** Answers `[{ code, description }]` with `status` (GeoReport v2 "Errors"). */
export function sendOpen311Error(res: Response, status: number, description: string): void {
  const body: Open311Error[] = [{ code: status, description }];
  res.status(status).json(body);
}

/** The `{ code, message, field? }` body every other layer of the stack answers errors with (`sendError`). */
function isApiError(body: unknown): body is { code: string; message: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { code, message } = body as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}

/**
 * Mounted at /open311 before everything else: the layers shared with /api (origin check,
 * rate limit, body parsing, session checks, the write core) answer errors with `sendError`;
 * under /open311 those bodies are rewritten to the GeoReport shape, so an Open311 client
 * meets one error format whichever layer refused it. (`field` names a field of the JSON
 * API's bodies, meaningless to an Open311 client, so it is left out.)
 */
export const open311ErrorBodies: RequestHandler = (_req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    if (res.statusCode < 400 || !isApiError(body)) return json(body);
    const errors: Open311Error[] = [{ code: res.statusCode, description: body.message }];
    return json(errors);
  };
  next();
};
