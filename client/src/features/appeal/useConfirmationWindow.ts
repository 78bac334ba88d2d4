import { DEFAULT_CONFIRMATION_WINDOW_MS } from '@shared';

/**
 * How long after a resolution the citizen's callback is awaited, ms (CONFIRMATION_WINDOW_DAYS).
 * The server does not tell the client its configured window yet, so the default (14 days)
 * is assumed; this hook is the one place to read it from once it does. The queue's rows
 * come from the server's list (its own window), so only the countdown would be off.
 */
export function useConfirmationWindow(): number {
  return DEFAULT_CONFIRMATION_WINDOW_MS;
}
