// The IPv4 subnets the host already routes to (its interfaces and Docker's or Podman's bridges), so a
// new network's automatic subnet never shadows one of them.
import { readFileSync } from 'node:fs';

const hexIp = (h: string) => [6, 4, 2, 0].map((i) => parseInt(h.slice(i, i + 2), 16)).join('.');
const maskBits = (h: string) => parseInt(h, 16).toString(2).split('').filter((b) => b === '1').length;

/** Non-default routes of /proc/net/route as CIDRs. */
export function hostRouteSubnets(text?: string): string[] {
  let t = text;
  if (t === undefined) { try { t = readFileSync('/proc/net/route', 'utf8'); } catch { return []; } }
  return t.split('\n').slice(1).map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 8 && f[1] !== '00000000')
    .map((f) => `${hexIp(f[1]!)}/${maskBits(f[7]!)}`);
}
