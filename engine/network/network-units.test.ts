import { describe, expect, it } from 'vitest';
import { freeAddress, overlaps, parseCidr, firstHost, cidrString } from './ipnet.js';
import { allocatePorts, collides, mappingsOf, portRequests, resolvedPortMap, type PortMapping } from './ports.js';
import { netavarkName, netavarkOptions } from './netavark.js';
import { dnsRedirectRules } from './dns-redirect.js';
import { macFromIp } from './endpoints.js';
import { hostRouteSubnets } from '../sys/host-routes.js';
import type { NetworkRecord } from '../model/network.js';

describe('ipnet', () => {
  it('parses IPv4 CIDRs as Go does and knows their network address', () => {
    expect(parseCidr('10.213.10.5/24')).toMatchObject({ prefix: 24, size: 256 });
    expect(cidrString(parseCidr('10.213.10.5/24')!)).toBe('10.213.10.0/24');
    expect(parseCidr('10.0.0.0/99')).toBeUndefined();
    expect(parseCidr('10.0.0.256/8')).toBeUndefined();
    expect(parseCidr('fd00::/64')).toBeUndefined();
    expect(firstHost(parseCidr('10.86.0.0/24')!)).toBe('10.86.0.1');
  });
  it('finds overlaps and the lowest free address, never the network or broadcast one', () => {
    expect(overlaps(parseCidr('10.0.0.0/16')!, parseCidr('10.0.5.0/24')!)).toBe(true);
    expect(overlaps(parseCidr('10.0.0.0/24')!, parseCidr('10.0.1.0/24')!)).toBe(false);
    const s = parseCidr('10.1.1.0/30')!;
    expect(freeAddress(s, undefined, new Set(['10.1.1.1']))).toBe('10.1.1.2');
    expect(freeAddress(s, undefined, new Set(['10.1.1.1', '10.1.1.2']))).toBeUndefined();
    expect(freeAddress(parseCidr('10.2.0.0/24')!, parseCidr('10.2.0.128/25'), new Set())).toBe('10.2.0.128');
  });
  it('derives Docker\'s MAC from the address', () => {
    expect(macFromIp('172.21.0.2')).toBe('02:42:ac:15:00:02');
  });
});

describe('published ports', () => {
  const free = { taken: [] as PortMapping[], range: [32768, 32770] as [number, number], inUseOnHost: async () => false };
  it('expands -p and -P into requests (host ranges, random ports, exposed-only ports)', () => {
    const reqs = portRequests({ '80/tcp': [{ HostIp: '', HostPort: '8080' }], '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }], '90/tcp': [{ HostIp: '', HostPort: '7000-7001' }] },
      { '80/tcp': {}, '443/tcp': {} }, true);
    expect(reqs).toEqual([
      { hostIp: '', hostFrom: 8080, hostTo: 8080, containerPort: 80, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostFrom: 0, hostTo: 0, containerPort: 53, protocol: 'udp' },
      { hostIp: '', hostFrom: 7000, hostTo: 7001, containerPort: 90, protocol: 'tcp' },
      { hostIp: '', hostFrom: 0, hostTo: 0, containerPort: 443, protocol: 'tcp' },
    ]);
  });
  it('takes random ports from the start of the ephemeral range, skipping what is taken', async () => {
    const taken = [{ hostIp: '0.0.0.0', hostPort: 32768, containerPort: 1, protocol: 'tcp' }];
    const got = await allocatePorts(portRequests({ '80/tcp': [{ HostIp: '', HostPort: '' }], '81/tcp': [{ HostIp: '', HostPort: '' }] }, {}, false), { ...free, taken });
    expect(got.map((m) => m.hostPort)).toEqual([32769, 32770]);
  });
  it('reports Docker\'s errors for an allocated port and for a port another program holds', async () => {
    const taken = [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }];
    await expect(allocatePorts(portRequests({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] }, {}, false), { ...free, taken }))
      .rejects.toThrow('Bind for 127.0.0.1:8080 failed: port is already allocated');
    await expect(allocatePorts(portRequests({ '80/tcp': [{ HostIp: '', HostPort: '8081' }] }, {}, false), { ...free, inUseOnHost: async () => true }))
      .rejects.toThrow('Error starting userland proxy: listen tcp4 0.0.0.0:8081: bind: address already in use');
    // A host range takes its first free port.
    const got = await allocatePorts(portRequests({ '80/tcp': [{ HostIp: '', HostPort: '8080-8082' }] }, {}, false), { ...free, taken });
    expect(got[0]!.hostPort).toBe(8081);
  });
  it('knows which bindings collide (a wildcard covers every address; protocols are apart)', () => {
    const m = (hostIp: string, protocol = 'tcp') => ({ hostIp, hostPort: 80, containerPort: 80, protocol });
    expect(collides(m('0.0.0.0'), m('127.0.0.1'))).toBe(true);
    expect(collides(m('127.0.0.1'), m('10.0.0.1'))).toBe(false);
    expect(collides(m('0.0.0.0'), m('0.0.0.0', 'udp'))).toBe(false);
  });
  it('round-trips the resolved port map inspect shows', () => {
    const ports = resolvedPortMap([{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }], { '80/tcp': {}, '22/tcp': {} });
    expect(ports).toEqual({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '22/tcp': null });
    expect(mappingsOf(ports)).toEqual([{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }]);
  });
});

describe('netavark request', () => {
  const net = {
    Id: 'a'.repeat(64), Name: 'app', Options: {}, Internal: false,
    Bridge: { Interface: 'sk-aaaaaaaaaaaa', Subnet: '10.86.0.0/24', Gateway: '10.86.0.1', DnsEnabled: true },
  } as unknown as NetworkRecord;
  it('names networks skiff-<id12> so firewall chains and aardvark files never collide with Podman\'s', () => {
    const opts = netavarkOptions({
      containerId: 'c'.repeat(64), containerName: 'web', ports: [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }], dnsServers: ['1.1.1.1'],
      attachments: [{ network: net, endpoint: { ContainerId: 'c'.repeat(64), ContainerName: 'web', NetworkId: net.Id, EndpointId: 'e', IPAddress: '10.86.0.2', IPPrefixLen: 24, Gateway: '10.86.0.1', MacAddress: '02:42:0a:56:00:02', Aliases: ['db', 'cccccccccccc'], InterfaceName: 'eth0' } }],
    });
    expect(netavarkName(net)).toBe('skiff-aaaaaaaaaaaa');
    expect(opts).toEqual({
      container_id: 'c'.repeat(64), container_name: 'web',
      port_mappings: [{ host_ip: '', container_port: 80, host_port: 8080, range: 1, protocol: 'tcp' }],
      networks: { 'skiff-aaaaaaaaaaaa': { static_ips: ['10.86.0.2'], aliases: ['db', 'cccccccccccc'], interface_name: 'eth0', static_mac: '02:42:0a:56:00:02' } },
      network_info: { 'skiff-aaaaaaaaaaaa': {
        name: 'skiff-aaaaaaaaaaaa', id: 'a'.repeat(64), driver: 'bridge', network_interface: 'sk-aaaaaaaaaaaa', subnets: [{ subnet: '10.86.0.0/24', gateway: '10.86.0.1' }],
        ipv6_enabled: false, internal: false, dns_enabled: true, ipam_options: { driver: 'host-local' }, options: { isolate: 'true' },
      } },
      dns_servers: ['1.1.1.1'],
    });
  });
  it('redirects the embedded DNS address to aardvark on the gateway', () => {
    expect(dnsRedirectRules('10.86.0.1', '10.86.0.2')).toContain('-A OUTPUT -d 127.0.0.11/32 -p udp -m udp --dport 53 -j DNAT --to-destination 10.86.0.1:53');
    expect(dnsRedirectRules('10.86.0.1', '10.86.0.2')).toContain('-A POSTROUTING -s 127.0.0.0/8 -d 10.86.0.1/32 -j SNAT --to-source 10.86.0.2');
  });
  it('reads the host\'s routes to keep automatic subnets clear of them', () => {
    const table = 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n'
      + 'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n'
      + 'docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n';
    expect(hostRouteSubnets(table)).toEqual(['172.17.0.0/16']);
  });
});
