import type { Claims } from '../auth/claims';

declare global {
  // Express's own extension point for typed `res.locals`.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by the session middleware when the request carries a valid session. */
      claims?: Claims;
      /** Set when the session could not be checked because the store (Redis) is unreachable. */
      isStoreDown?: boolean;
      /** Random id of this request, echoed as X-Request-Id and written to the audit. */
      requestId: string;
    }
  }
}

export {};
