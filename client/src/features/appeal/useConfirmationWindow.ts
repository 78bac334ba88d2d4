import { DEFAULT_CONFIRMATION_WINDOW_DAYS } from './lawContract';

const DAY_MS = 86_400_000;

/**
 * How long after a resolution the citizen's callback is awaited, ms (CONFIRMATION_WINDOW_DAYS).
 * TEMPORARY: the default until the server tells the client its configured window.
 */
export function useConfirmationWindow(): number {
  return DEFAULT_CONFIRMATION_WINDOW_DAYS * DAY_MS;
}
