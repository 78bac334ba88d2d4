import type { Response } from 'express';

/**
 * A JSON answer no cache may keep (`Cache-Control: no-store`), written without `res.json`:
 * Express hashes every body it sends for an ETag (SHA-1 of the whole JSON), which a `no-store`
 * answer is never revalidated with. On `GET /api/appeals/:id` that was ~2 % of the server's
 * CPU (docs/performance.md "Archive reads", session 12); a list page of 50 hashes more.
 */
export function sendNoStoreJson(res: Response, body: unknown): void {
  res.set('Cache-Control', 'no-store');
  res.type('json');
  // Node sets Content-Length from a body ended in one piece (and sends none for HEAD).
  res.end(JSON.stringify(body));
}
