import type { Claims } from './claims';

/** The API's error code (403) while a one-time password has not been replaced yet. */
export const PASSWORD_CHANGE_REQUIRED = 'password_change_required';

/** True when the caller signed in with a one-time password and has not chosen their own yet. */
export function mustChangePassword(claims: Claims): boolean {
  return claims.user.mustChangePassword === true;
}

/**
 * A refused socket handshake that says why (Socket.IO hands `data` to the client's
 * `connect_error`), as opposed to "no session" or "store down".
 */
export class HandshakeRefusedError extends Error {
  readonly data: { status: number; code: string };

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'HandshakeRefusedError';
    this.data = { status, code };
  }
}

/**
 * The socket's authenticate step: the same claims as HTTP, but a user who still has to change
 * a one-time password is refused with `password_change_required` (the change-password screen
 * needs no socket, and a one-time password must not open the live data).
 */
export function socketAuthenticator(
  authenticate: (cookieHeader: string | undefined) => Promise<Claims | null>,
): (cookieHeader: string | undefined) => Promise<Claims | null> {
  return async (cookieHeader) => {
    const claims = await authenticate(cookieHeader);
    if (claims && mustChangePassword(claims)) {
      throw new HandshakeRefusedError(403, PASSWORD_CHANGE_REQUIRED, `forbidden: ${PASSWORD_CHANGE_REQUIRED}`);
    }
    return claims;
  };
}
