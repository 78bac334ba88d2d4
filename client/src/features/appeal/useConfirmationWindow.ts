import { DEFAULT_CONFIRMATION_WINDOW_MS } from '@shared';
import { useStats } from '../../realtime/hooks';

/**
 * How long after a resolution the citizen's callback is awaited, ms: the server's
 * `CONFIRMATION_WINDOW_DAYS`, carried in its live stats (`Stats.confirmationWindowMs`, the
 * window its "awaiting confirmation" and "solved positively" figures were counted with), so
 * the appeal page's countdown, the `/quality` queue and the region table agree with the
 * server's figures and lists. Until the first stats arrive (or from a server that does not
 * send it) the default, 14 days.
 */
export function useConfirmationWindow(): number {
  const windowMs = useStats()?.confirmationWindowMs;
  return windowMs !== undefined && Number.isFinite(windowMs) && windowMs > 0
    ? windowMs
    : DEFAULT_CONFIRMATION_WINDOW_MS;
}
