// The container's /etc/resolv.conf as Docker 20.10 writes it on the default bridge (libnetwork resolvconf
// and sandbox_dns_unix.go setupDNS): the host's file minus localhost nameservers, Google's servers when none
// are left, or a file built from --dns/--dns-search/--dns-option. --network host copies the host's file.

// docker parity: libnetwork resolvconf/resolvconf.go defaultIPv4Dns / defaultIPv6Dns
export const DEFAULT_IPV4_DNS: readonly string[] = ['nameserver 8.8.8.8', 'nameserver 8.8.4.4'];
export const DEFAULT_IPV6_DNS: readonly string[] = ['nameserver 2001:4860:4860::8888', 'nameserver 2001:4860:4860::8844'];

const IPV4_BLOCK = '(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)';
const IPV4 = `(${IPV4_BLOCK}\\.){3}${IPV4_BLOCK}`;
const IPV6 = '([0-9A-Fa-f]{0,4}:){2,7}([0-9A-Fa-f]{0,4})(%\\w+)?';
// docker parity: libnetwork resolvconf/dns IPLocalhost and the resolvconf regexps
const LOCALHOST_NS = /^nameserver\s+((127\.([0-9]{1,3}\.){2}[0-9]{1,3})|(::1)$)\s*\n*/gm;
const IPV6_NS = new RegExp(`^nameserver\\s+${IPV6}\\s*\\n*`, 'gm');
const NS_LINE = new RegExp(`^\\s*nameserver\\s*((${IPV4})|(${IPV6}))\\s*$`);
const SEARCH_LINE = /^\s*search\s*(([^\s]+\s*)*)$/;
const OPTIONS_LINE = /^\s*options\s*(([^\s]+\s*)*)$/;

/** Lines with `#` comments cut off (resolvconf getLines). */
const lines = (content: string) => content.split('\n').map((l) => (l.includes('#') ? l.slice(0, l.indexOf('#')) : l));

export function getNameservers(content: string): string[] {
  return lines(content).flatMap((l) => NS_LINE.exec(l)?.[1] ?? []);
}

/** The last `search` line wins. */
export function getSearchDomains(content: string): string[] {
  return lines(content).reduce<string[]>((acc, l) => { const m = SEARCH_LINE.exec(l); return m ? m[1]!.split(/\s+/).filter(Boolean) : acc; }, []);
}

/** The last `options` line wins. */
export function getOptions(content: string): string[] {
  return lines(content).reduce<string[]>((acc, l) => { const m = OPTIONS_LINE.exec(l); return m ? m[1]!.split(/\s+/).filter(Boolean) : acc; }, []);
}

/**
 * Drop 127.x and ::1 nameservers (unreachable from the container's network namespace); if none remain,
 * append Google's servers, IPv6 ones too because setupDNS passes ipv6Enabled=true (FilterResolvDNS).
 */
export function filterResolvConf(content: string, ipv6Enabled = true): string {
  let cleaned = content.replace(LOCALHOST_NS, '');
  if (!ipv6Enabled) cleaned = cleaned.replace(IPV6_NS, '');
  if (getNameservers(cleaned).length > 0) return cleaned;
  const dns = ipv6Enabled ? [...DEFAULT_IPV4_DNS, ...DEFAULT_IPV6_DNS] : [...DEFAULT_IPV4_DNS];
  return `${cleaned}\n${dns.join('\n')}`;
}

/** search, nameserver and options lines; a search list of just `.` means no search line (resolvconf.Build). */
export function formatResolvConf(dns: readonly string[], search: readonly string[], options: readonly string[]): string {
  let out = '';
  const searchText = search.join(' ');
  if (search.length > 0 && searchText.trim() !== '.') out += `search ${searchText}\n`;
  for (const ns of dns) out += `nameserver ${ns}\n`;
  const optionsText = options.join(' ');
  if (options.length > 0 && optionsText.trim() !== '') out += `options ${optionsText}\n`;
  return out;
}

export interface ResolvConfInput {
  /** Content of the host file (see hostResolvConfPath). */
  hostResolvConf: string;
  dns?: readonly string[] | null;
  dnsSearch?: readonly string[] | null;
  dnsOptions?: readonly string[] | null;
  hostNetwork: boolean;
  /** Whether the container's network has IPv6; Docker's default bridge and `none` do not. */
  ipv6Enabled?: boolean;
  /** User-defined networks: the embedded resolver, which replaces the IPv4 servers (the others are its upstreams). */
  embeddedNameservers?: readonly string[];
}

export function buildResolvConf(input: ResolvConfInput): string {
  const base = baseResolvConf(input);
  return input.embeddedNameservers?.length && !input.hostNetwork ? withEmbeddedDns(base, input.embeddedNameservers) : base;
}

// docker parity: libnetwork sandbox_dns_unix.go rebuildDNS — the embedded server, the file's IPv6 servers,
// its search list, and its options plus ndots:0 unless the user set ndots.
function withEmbeddedDns(content: string, embedded: readonly string[]): string {
  const v6 = getNameservers(content).filter((ns) => ns.includes(':'));
  const options = getOptions(content);
  const userNdots = options.some((o) => /^ndots:\d+$/.test(o));
  return formatResolvConf([...embedded, ...v6], getSearchDomains(content), userNdots ? options : [...options, 'ndots:0']);
}

function baseResolvConf(input: ResolvConfInput): string {
  const dns = input.dns ?? [];
  const search = input.dnsSearch ?? [];
  const options = input.dnsOptions ?? [];
  const custom = dns.length > 0 || search.length > 0 || options.length > 0;
  if (!custom) {
    if (input.hostNetwork) return input.hostResolvConf;
    // Sandbox creation filters with IPv6 on; joining a network filters again with the network's own setting
    // (libnetwork setupDNS, then endpoint Join → updateDNS), which drops IPv6 servers on IPv4-only networks.
    return filterResolvConf(filterResolvConf(input.hostResolvConf, true), input.ipv6Enabled === true);
  }
  // Each list the user did not give comes from the host file, unfiltered (libnetwork setupDNS).
  const host = input.hostResolvConf;
  return formatResolvConf(
    dns.length ? dns : getNameservers(host),
    search.length ? search : getSearchDomains(host),
    options.length ? options : getOptions(host),
  );
}

/** With systemd-resolved's stub (127.0.0.53 only) the real servers are in /run/systemd/resolve/resolv.conf. */
export function hostResolvConfPath(etcResolvConf: string): string {
  const servers = getNameservers(etcResolvConf);
  const stubOnly = servers.length === 1 && servers[0] === '127.0.0.53';
  return stubOnly ? '/run/systemd/resolve/resolv.conf' : '/etc/resolv.conf';
}
