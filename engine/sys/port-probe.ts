// Whether a host port is free: bind it for a moment (TCP listen or UDP bind) and let it go. netavark's
// DNAT rules bind nothing, so this is how a port held by another program is noticed before publishing.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';

export type ProbeResult = 'free' | 'in-use' | 'denied';

export function probePort(protocol: string, ip: string, port: number): Promise<ProbeResult> {
  const verdict = (e: NodeJS.ErrnoException): ProbeResult => (e.code === 'EACCES' || e.code === 'EPERM' ? 'denied' : 'in-use');
  if (protocol === 'udp') {
    return new Promise((resolve) => {
      const s = createSocket('udp4');
      s.once('error', (e) => { s.close(); resolve(verdict(e)); });
      s.bind({ port, address: ip, exclusive: true }, () => s.close(() => resolve('free')));
    });
  }
  if (protocol !== 'tcp') return Promise.resolve('free');
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', (e) => resolve(verdict(e)));
    srv.listen({ port, host: ip, exclusive: true }, () => srv.close(() => resolve('free')));
  });
}

/** net.ipv4.ip_local_port_range, Docker's pool for random host ports. */
export function ephemeralRange(): [number, number] {
  try {
    const [a, b] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (a && b) return [a, b];
  } catch { /* default below */ }
  return [32768, 60999];
}

/** net.ipv4.ip_unprivileged_port_start: below it an unprivileged user cannot bind. */
export function unprivilegedPortStart(): number {
  try { return Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8').trim()); } catch { return 1024; }
}
