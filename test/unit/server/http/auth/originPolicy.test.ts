import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { createOriginPolicy, originOfHost } from '../../../../../server/src/http/auth/originPolicy';

/** A machine with one LAN interface (and loopback), as os.networkInterfaces reports it. */
const lanMachine = (): NodeJS.Dict<os.NetworkInterfaceInfo[]> => ({
  lo: [
    {
      address: '127.0.0.1',
      netmask: '255.0.0.0',
      family: 'IPv4',
      mac: '00:00:00:00:00:00',
      internal: true,
      cidr: null,
    },
  ],
  eth0: [
    {
      address: '10.0.0.5',
      netmask: '255.255.255.0',
      family: 'IPv4',
      mac: '02:00:00:00:00:01',
      internal: false,
      cidr: null,
    },
    {
      address: 'fd00::5',
      netmask: 'ffff:ffff:ffff:ffff::',
      family: 'IPv6',
      mac: '02:00:00:00:00:01',
      internal: false,
      cidr: null,
      scopeid: 0,
    },
  ],
});

const onLan = (extra: Partial<Parameters<typeof createOriginPolicy>[0]> = {}) =>
  createOriginPolicy({
    isSecure: false,
    port: () => 8080,
    networkInterfaces: lanMachine,
    hostname: () => 'situation-room',
    ...extra,
  });

describe('origin policy', () => {
  it('accepts this machine: loopback names, its LAN addresses and its host name, on its port', () => {
    const isAllowed = onLan();
    for (const origin of [
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'http://[::1]:8080',
      'http://10.0.0.5:8080',
      'http://[fd00::5]:8080',
      'http://situation-room:8080',
      'HTTP://10.0.0.5:8080',
    ]) {
      expect(isAllowed(origin), origin).toBe(true);
    }
  });

  it('refuses a DNS-rebinding name: the Host header it sends matches its Origin but is not ours', () => {
    // evil.example resolves to 10.0.0.5; its page sends Host: evil.example:8080 and the same Origin.
    const isAllowed = onLan();
    expect(isAllowed('http://evil.example:8080')).toBe(false);
    expect(isAllowed('http://10.0.0.5.evil.example:8080')).toBe(false);
  });

  it('refuses another port, a scheme mismatch and non-http origins', () => {
    const isAllowed = onLan();
    expect(isAllowed('http://10.0.0.5:8081')).toBe(false);
    expect(isAllowed('https://10.0.0.5:8080')).toBe(false);
    expect(isAllowed('null')).toBe(false);
    expect(isAllowed('file://')).toBe(false);
    // With COOKIE_SECURE the server's own addresses are https ones (behind a TLS proxy).
    const isSecure = onLan({ isSecure: true });
    expect(isSecure('https://10.0.0.5:8080')).toBe(true);
    expect(isSecure('http://10.0.0.5:8080')).toBe(false);
  });

  it('knows no port of its own before listening, so it accepts none of its addresses', () => {
    const isAllowed = onLan({ port: () => null });
    expect(isAllowed('http://127.0.0.1:8080')).toBe(false);
  });

  it('with ALLOWED_HOSTS set: those (scheme by COOKIE_SECURE unless given) and loopback, not the LAN addresses', () => {
    const isAllowed = onLan({
      allowedHosts: ['wall.lan:8080', 'https://ortalyq.example.kz'],
      port: () => 8081,
    });
    expect(isAllowed('http://wall.lan:8080')).toBe(true);
    expect(isAllowed('https://wall.lan:8080')).toBe(false);
    expect(isAllowed('https://ortalyq.example.kz')).toBe(true);
    expect(isAllowed('https://ortalyq.example.kz:443')).toBe(true);
    expect(isAllowed('http://ortalyq.example.kz')).toBe(false);
    expect(isAllowed('http://127.0.0.1:8081')).toBe(true);
    expect(isAllowed('http://10.0.0.5:8081')).toBe(false);
    expect(isAllowed('http://wall.lan:8081')).toBe(false);
  });

  it('reports each refused origin once, for the log', () => {
    const refused: string[] = [];
    const isAllowed = onLan({ onRefuse: (origin) => refused.push(origin) });
    for (const origin of ['http://evil.example:8080', 'http://10.0.0.5:8080', 'http://evil.example:8080', 'null']) {
      isAllowed(origin);
    }
    expect(refused).toEqual(['http://evil.example:8080', 'null']);
  });

  it('accepts ALLOWED_ORIGINS as given, exactly', () => {
    const isAllowed = onLan({ allowedOrigins: ['https://intranet.example.kz/'] });
    expect(isAllowed('https://intranet.example.kz')).toBe(true);
    expect(isAllowed('http://intranet.example.kz')).toBe(false);
  });

  it('reads the real interfaces by default: every address this machine has is accepted on its port', () => {
    const isAllowed = createOriginPolicy({ isSecure: false, port: () => 8080 });
    const addresses = Object.values(os.networkInterfaces()).flatMap((list) => list ?? []);
    expect(addresses.length).toBeGreaterThan(0);
    for (const info of addresses) {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      expect(isAllowed(`http://${host}:8080`), host).toBe(true);
    }
    expect(isAllowed(`http://${os.hostname().toLowerCase()}:8080`)).toBe(true);
  });
});

describe('ALLOWED_HOSTS entries', () => {
  it('become origins: default scheme by COOKIE_SECURE, default ports dropped, anything else refused', () => {
    expect(originOfHost('wall.lan:8080', false)).toBe('http://wall.lan:8080');
    expect(originOfHost('wall.lan:8080', true)).toBe('https://wall.lan:8080');
    expect(originOfHost('https://Ortalyq.example.kz:443/', false)).toBe('https://ortalyq.example.kz');
    expect(originOfHost('[fd00::5]:8080', false)).toBe('http://[fd00::5]:8080');
    for (const bad of ['*.example.kz', 'ftp://x', 'http://x/path', 'user@x', 'x:99999', 'fd00::5', '']) {
      expect(originOfHost(bad, false), bad).toBeNull();
    }
  });
});
