// Go's net.ParseIP / IP.String / net.ParseMAC, because docker normalizes --dns and validates
// --add-host, -p and --mac-address with them.
import { isIPv4, isIPv6 } from 'node:net';

/** net.ParseIP(s) != nil. */
export function isGoIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

/** net.ParseIP(s).String(): dotted IPv4 (also for IPv4-mapped IPv6), RFC 5952 IPv6; undefined if invalid. */
export function goIPString(s: string): string | undefined {
  if (isIPv4(s)) return s;
  if (!isIPv6(s) || s.includes('%')) return undefined;
  const groups = ipv6Groups(s);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return `${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  return formatIPv6(groups);
}

function ipv6Groups(s: string): number[] {
  // An embedded dotted quad is two more hex groups.
  const text = s.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a, b, c, d) =>
    `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`);
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((h) => parseInt(h, 16)) : []);
  const left = parse(head);
  const right = parse(rest);
  const fill = rest === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

// Longest run (>= 2) of zero groups becomes "::", first one on ties, as Go does.
function formatIPv6(g: number[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j === i ? i + 1 : j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** net.ParseMAC: EUI-48/EUI-64/20-octet forms with ':' or '-', or dotted 4-hex groups. */
export function isGoMAC(s: string): boolean {
  if (/^([0-9a-fA-F]{2}[:-])+[0-9a-fA-F]{2}$/.test(s)) {
    const sep = s[2];
    const parts = s.split(sep!);
    return parts.every((p) => p.length === 2) && [6, 8, 20].includes(parts.length) && !s.includes(sep === ':' ? '-' : ':');
  }
  if (/^([0-9a-fA-F]{4}\.)+[0-9a-fA-F]{4}$/.test(s)) return [3, 4, 10].includes(s.split('.').length);
  return false;
}
