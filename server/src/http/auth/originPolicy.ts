import os from 'node:os';

/** Whether a browser Origin (scheme://host[:port]) may call the API or open a socket. */
export type OriginCheck = (origin: string) => boolean;

export interface OriginPolicyOptions {
  /**
   * ALLOWED_HOSTS: `host[:port]` or `scheme://host[:port]` entries; undefined = this machine's
   * own names and addresses on the server's port.
   */
  allowedHosts?: readonly string[] | undefined;
  /** ALLOWED_ORIGINS: further full origins (another site embedding the dashboard). */
  allowedOrigins?: readonly string[];
  /** COOKIE_SECURE: an entry without a scheme means https, else http. */
  isSecure: boolean;
  /** The port the server listens on (known after listen: PORT may be 0); null before. */
  port: () => number | null;
  /** This machine's interfaces (os.networkInterfaces by default; tests pass their own). */
  networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  /** This machine's name (os.hostname by default). */
  hostname?: () => string;
  /** Told the first time each refused origin shows up (at most 100 of them): for a log line. */
  onRefuse?: (origin: string) => void;
}

/** How many distinct refused origins are reported (a scan must not grow memory). */
const MAX_REPORTED_REFUSALS = 100;

/** Loopback names: always allowed on the server's port (a page there runs on this machine). */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
/** Interfaces and host name are read again after this long (DHCP, a new network). */
const MACHINE_CACHE_MS = 5000;

/**
 * The origin an ALLOWED_HOSTS entry stands for: `wall.lan:8080` → `http://wall.lan:8080`
 * (https with COOKIE_SECURE), `https://ortalyq.example.kz` as given; default ports dropped
 * as browsers drop them. Null for anything that is not scheme://host[:port].
 */
export function originOfHost(entry: string, isSecure: boolean): string | null {
  const text = entry.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${isSecure ? 'https' : 'http'}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const isBare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  const isHttp = url.protocol === 'http:' || url.protocol === 'https:';
  // Names and addresses only: no wildcards (`*.example` would be taken literally and never match).
  const isHostName = /^[a-z0-9_.-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname);
  if (!isHttp || !isBare || !isHostName) return null;
  return url.origin;
}

/** A browser's Origin header in the form `originOfHost` gives, or null (`null`, garbage). */
function normalizeOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** This machine's host name and every interface address, as URL hosts. */
function machineHosts(interfaces: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>, hostname: () => string): string[] {
  const hosts = [hostname()];
  for (const list of Object.values(interfaces())) {
    for (const info of list ?? []) hosts.push(info.family === 'IPv6' ? `[${info.address}]` : info.address);
  }
  return hosts;
}

/**
 * Which browser origins may call the API and open sockets (the same check for the CSRF
 * middleware and the Socket.IO handshake). The Origin must be, scheme included, one of
 * - ALLOWED_HOSTS (unset: this machine's host name and interface addresses on its port),
 * - loopback names on the server's port, always,
 * - ALLOWED_ORIGINS.
 * The Host header plays no part: under DNS rebinding a hostile name resolving to this
 * server sends a Host that matches its Origin. Nor do X-Forwarded-Host/Proto, which a proxy
 * fills from that same Host: behind a proxy, list its public name in ALLOWED_HOSTS.
 */
export function createOriginPolicy(options: OriginPolicyOptions): OriginCheck {
  const scheme = options.isSecure ? 'https' : 'http';
  const fixed = new Set<string>();
  for (const o of options.allowedOrigins ?? []) {
    const normalized = normalizeOrigin(o);
    if (normalized) fixed.add(normalized);
  }
  for (const entry of options.allowedHosts ?? []) {
    const origin = originOfHost(entry, options.isSecure);
    if (origin) fixed.add(origin);
  }
  const interfaces = options.networkInterfaces ?? os.networkInterfaces;
  const hostname = options.hostname ?? os.hostname;
  let cache: { port: number; at: number; origins: Set<string> } | null = null;

  /** Origins on the server's own port: loopback, and (ALLOWED_HOSTS unset) this machine. */
  function onOwnPort(port: number): Set<string> {
    const at = Date.now();
    if (cache && cache.port === port && at - cache.at < MACHINE_CACHE_MS) return cache.origins;
    const hosts = options.allowedHosts ? LOOPBACK_HOSTS : [...LOOPBACK_HOSTS, ...machineHosts(interfaces, hostname)];
    const origins = new Set<string>();
    for (const host of hosts) {
      const origin = originOfHost(`${scheme}://${host}:${port}`, options.isSecure);
      if (origin) origins.add(origin);
    }
    cache = { port, at, origins };
    return origins;
  }

  const reported = new Set<string>();
  function isAllowed(normalized: string | null): boolean {
    if (normalized === null) return false;
    if (fixed.has(normalized)) return true;
    const port = options.port();
    return port !== null && onOwnPort(port).has(normalized);
  }

  return (origin) => {
    const normalized = normalizeOrigin(origin);
    if (isAllowed(normalized)) return true;
    if (options.onRefuse && !reported.has(origin) && reported.size < MAX_REPORTED_REFUSALS) {
      reported.add(origin);
      options.onRefuse(origin);
    }
    return false;
  };
}
