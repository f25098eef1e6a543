// Expected texts are what Docker 20.10 wrote into containers on this machine (host /etc/hosts:
// 127.0.0.1 localhost/runsc/vm; /etc/resolv.conf: nameserver 10.255.255.53).
import { describe, expect, it } from 'vitest';
import { makeRecord } from '../spec/testdata/fixtures.js';
import { buildEtcFiles, buildHostnameFile, buildHostsFile, buildResolvConf, filterResolvConf, hostResolvConfPath, parseExtraHost } from './index.js';

const HOST_HOSTS = '127.0.0.1 localhost\n127.0.0.1 runsc\n127.0.0.1 vm\n';
const HOST_RESOLV = 'nameserver 10.255.255.53\n';
const DEFAULT_HOSTS = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n'
  + 'ff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n';
const host = { hosts: HOST_HOSTS, resolvConf: HOST_RESOLV, hostname: 'vm' };

describe('/etc/hosts', () => {
  it('default bridge: fixed lines then the container\'s address and short id', () => {
    expect(buildHostsFile({ hostNetwork: false, hostname: 'a3b978ccf39c', ip: '172.17.0.2' })).toBe(`${DEFAULT_HOSTS}172.17.0.2\ta3b978ccf39c\n`);
  });

  it('--network none (and skiff\'s loopback-only default): fixed lines only', () => {
    expect(buildHostsFile({ hostNetwork: false, hostname: '796158b08b8a' })).toBe(DEFAULT_HOSTS);
  });

  it('--network host copies the host\'s file', () => {
    expect(buildHostsFile({ hostNetwork: true, hostHosts: HOST_HOSTS, hostname: 'vm' })).toBe(HOST_HOSTS);
  });

  it('--add-host entries follow the fixed lines, before the own address; with host network they replace the copy', () => {
    expect(buildHostsFile({ hostNetwork: false, hostname: 'myhost', ip: '172.17.0.2', extraHosts: ['foo:1.2.3.4', 'bar:::1'] }))
      .toBe(`${DEFAULT_HOSTS}1.2.3.4\tfoo\n::1\tbar\n172.17.0.2\tmyhost\n`);
    expect(buildHostsFile({ hostNetwork: true, hostHosts: HOST_HOSTS, hostname: 'vm', extraHosts: ['foo:1.2.3.4'] })).toBe(`${DEFAULT_HOSTS}1.2.3.4\tfoo\n`);
  });

  it('hostname with a domain lists the FQDN and the short name', () => {
    const last = (hostname: string, domainname: string) => buildHostsFile({ hostNetwork: false, hostname, domainname, ip: '172.17.0.2' }).split('\n').at(-2);
    expect(last('a.b.c', 'example.org')).toBe('172.17.0.2\ta.b.c.example.org a');
    expect(last('myh', 'example.org')).toBe('172.17.0.2\tmyh.example.org myh');
  });

  it('validates --add-host like the docker CLI and resolves host-gateway', () => {
    expect(() => parseExtraHost('foo')).toThrow('bad format for add-host: "foo"');
    expect(() => parseExtraHost('foo:bar')).toThrow('invalid IP address in add-host: "bar"');
    expect(parseExtraHost('gw:host-gateway', '10.0.2.2')).toEqual({ name: 'gw', ip: '10.0.2.2' });
    expect(() => parseExtraHost('gw:host-gateway')).toThrow('host-gateway');
  });
});

describe('/etc/resolv.conf', () => {
  it('default: the host\'s file (no localhost servers here, so unchanged)', () => {
    expect(buildResolvConf({ hostResolvConf: HOST_RESOLV, hostNetwork: false })).toBe(HOST_RESOLV);
  });

  it('on an IPv4-only network, a host with only localhost servers gives Google\'s IPv4 servers', () => {
    expect(buildResolvConf({ hostResolvConf: 'nameserver 127.0.0.53\nnameserver ::1\n', hostNetwork: false }))
      .toBe('\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n');
    expect(buildResolvConf({ hostResolvConf: 'nameserver 127.0.0.1\nnameserver 2001:db8::1\nnameserver 1.1.1.1\n', hostNetwork: false }))
      .toBe('nameserver 1.1.1.1\n');
    expect(buildResolvConf({ hostResolvConf: 'nameserver 127.0.0.1\n', hostNetwork: false, ipv6Enabled: true }))
      .toBe('\nnameserver 8.8.8.8\nnameserver 8.8.4.4\nnameserver 2001:4860:4860::8888\nnameserver 2001:4860:4860::8844');
  });

  it('drops 127.x/::1 servers; Google\'s IPv4+IPv6 servers when none are left (one FilterResolvDNS pass)', () => {
    expect(filterResolvConf('search lan\nnameserver 127.0.0.1\nnameserver 1.1.1.1\n')).toBe('search lan\nnameserver 1.1.1.1\n');
    expect(filterResolvConf('nameserver 127.0.0.53\noptions edns0\n')).toBe(
      'options edns0\n\nnameserver 8.8.8.8\nnameserver 8.8.4.4\nnameserver 2001:4860:4860::8888\nnameserver 2001:4860:4860::8844');
    expect(filterResolvConf('nameserver ::1\n', false)).toBe('\nnameserver 8.8.8.8\nnameserver 8.8.4.4');
  });

  it('--dns/--dns-search/--dns-option build a new file (measured)', () => {
    expect(buildResolvConf({ hostResolvConf: HOST_RESOLV, hostNetwork: false, dns: ['1.1.1.1', '9.9.9.9'], dnsSearch: ['example.com', 'b.org'], dnsOptions: ['ndots:2', 'edns0'] }))
      .toBe('search example.com b.org\nnameserver 1.1.1.1\nnameserver 9.9.9.9\noptions ndots:2 edns0\n');
  });

  it('lists the user did not give come from the host file; search "." means none', () => {
    expect(buildResolvConf({ hostResolvConf: HOST_RESOLV, hostNetwork: false, dnsSearch: ['x.org'] })).toBe('search x.org\nnameserver 10.255.255.53\n');
    expect(buildResolvConf({ hostResolvConf: HOST_RESOLV, hostNetwork: false, dnsSearch: ['.'] })).toBe('nameserver 10.255.255.53\n');
  });

  it('--network host copies the host file unless DNS options are given', () => {
    expect(buildResolvConf({ hostResolvConf: 'nameserver 127.0.0.53\n', hostNetwork: true })).toBe('nameserver 127.0.0.53\n');
    expect(buildResolvConf({ hostResolvConf: HOST_RESOLV, hostNetwork: true, dns: ['1.1.1.1'] })).toBe('nameserver 1.1.1.1\n');
  });

  it('user-defined networks: the embedded server, the file\'s IPv6 servers and search, options plus ndots:0 (measured)', () => {
    expect(buildResolvConf({ hostResolvConf: HOST_RESOLV, hostNetwork: false, embeddedNameservers: ['127.0.0.11'] })).toBe('nameserver 127.0.0.11\noptions ndots:0\n');
    expect(buildResolvConf({ hostResolvConf: 'search lan\nnameserver 1.1.1.1\nnameserver 2001:db8::1\noptions edns0\n', hostNetwork: false, embeddedNameservers: ['127.0.0.11'], ipv6Enabled: true }))
      .toBe('search lan\nnameserver 127.0.0.11\nnameserver 2001:db8::1\noptions edns0 ndots:0\n');
    expect(buildResolvConf({ hostResolvConf: HOST_RESOLV, hostNetwork: false, dnsOptions: ['ndots:3'], embeddedNameservers: ['127.0.0.11'] })).toBe('nameserver 127.0.0.11\noptions ndots:3\n');
  });
  it('uses systemd-resolved\'s upstream file when /etc/resolv.conf is only the stub', () => {
    expect(hostResolvConfPath('nameserver 127.0.0.53\noptions edns0 trust-ad\n')).toBe('/run/systemd/resolve/resolv.conf');
    expect(hostResolvConfPath(HOST_RESOLV)).toBe('/etc/resolv.conf');
  });
});

describe('buildEtcFiles', () => {
  it('default container: Docker\'s none-network hosts, the short id, the host resolvers', () => {
    const r = makeRecord({ Hostname: '796158b08b8a' });
    expect(buildEtcFiles(r, host)).toEqual({ hosts: DEFAULT_HOSTS, hostname: '796158b08b8a\n', resolvConf: HOST_RESOLV });
    expect(buildHostnameFile('x')).toBe('x\n');
  });

  it('--network host: the host\'s hosts file and hostname', () => {
    const r = makeRecord({ Hostname: '' }, { NetworkMode: 'host' });
    expect(buildEtcFiles(r, host)).toEqual({ hosts: HOST_HOSTS, hostname: 'vm\n', resolvConf: HOST_RESOLV });
  });

  it('passes --add-host, --dns* and the address through', () => {
    const r = makeRecord({ Hostname: 'myhost' }, { ExtraHosts: ['foo:1.2.3.4'], Dns: ['1.1.1.1'] });
    const files = buildEtcFiles(r, host, { ip: '10.0.2.100' });
    expect(files.hosts.endsWith('1.2.3.4\tfoo\n10.0.2.100\tmyhost\n')).toBe(true);
    expect(files.resolvConf).toBe('nameserver 1.1.1.1\n');
  });
});
