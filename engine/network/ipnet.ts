// IPv4 subnets as numbers: parsing with Go's net.ParseCIDR rules, containment, overlap, and the
// addresses a bridge network hands out (never the network, gateway or broadcast address).

export interface Cidr { /** Address as written (may have host bits). */ ip: number; prefix: number; /** Network address. */ base: number; size: number }

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const isIPv4 = (s: string) => IPV4.test(s);

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export const intToIp = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

/** A.B.C.D/N, or undefined when it is not one (an IPv6 CIDR is also undefined). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!isIPv4(addr) || !/^\d{1,2}$/.test(bits) || Number(bits) > 32) return undefined;
  const prefix = Number(bits);
  const ip = ipToInt(addr);
  const size = 2 ** (32 - prefix);
  return { ip, prefix, base: Math.floor(ip / size) * size, size };
}

export const isIPv6Cidr = (text: string) => text.includes(':') && /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(text);

export const cidrString = (c: Cidr) => `${intToIp(c.base)}/${c.prefix}`;
export const contains = (c: Cidr, ip: number) => ip >= c.base && ip < c.base + c.size;
export const overlaps = (a: Cidr, b: Cidr) => a.base < b.base + b.size && b.base < a.base + a.size;

/** The first address after the network address: the default gateway. */
export const firstHost = (c: Cidr) => intToIp(c.base + (c.prefix >= 31 ? 0 : 1));

/**
 * The lowest free address in `range` (or the subnet) that is not the subnet's network or broadcast
 * address and not taken; undefined when the range is full.
 */
export function freeAddress(subnet: Cidr, range: Cidr | undefined, taken: ReadonlySet<string>): string | undefined {
  const r = range ?? subnet;
  for (let n = r.base; n < r.base + r.size; n++) {
    if (subnet.prefix < 31 && (n === subnet.base || n === subnet.base + subnet.size - 1)) continue;
    const ip = intToIp(n);
    if (!taken.has(ip)) return ip;
  }
  return undefined;
}
