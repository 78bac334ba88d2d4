/**
 * Which browser origins may call the API and open sockets: the server's own origin (the
 * Origin's host equals the Host header), plus the configured ALLOWED_ORIGINS.
 */
export function createOriginPolicy(allowed: readonly string[]): (origin: string, host: string | undefined) => boolean {
  const extra = new Set(allowed.map((o) => o.replace(/\/$/, '').toLowerCase()));
  return (origin, host) => {
    const normalized = origin.toLowerCase();
    if (extra.has(normalized)) return true;
    try {
      return host !== undefined && new URL(normalized).host === host.toLowerCase();
    } catch {
      return false;
    }
  };
}
