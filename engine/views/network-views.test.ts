import { describe, expect, it } from 'vitest';
import { marshalJSON, renderList, renderOne } from '../format/index.js';
import type { NetworkRecord } from '../model/network.js';
import { testContainer } from '../test-support/engine.js';
import { networkSettings, livePorts } from './container-network.js';
import { networkInspect, networkJson, networkRow, NETWORK_HEADERS } from './network.js';
import { volumeInspect, volumeRow, VOLUME_HEADERS } from './volume.js';
import { containerSummary } from './container-summary.js';
import { containerRow } from './container-row.js';

const net: NetworkRecord = {
  Id: 'f'.repeat(64), Name: 'app', Created: '2026-11-28T16:31:34.398509326Z', Driver: 'bridge', Scope: 'local', EnableIPv6: false,
  IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '10.86.0.0/24', Gateway: '10.86.0.1' }] }, Internal: false, Attachable: false,
  Ingress: false, ConfigOnly: false, Options: {}, Labels: { b: '2', a: '1' },
};
const ep = { ContainerId: 'c'.repeat(64), ContainerName: 'web', NetworkId: net.Id, EndpointId: 'e'.repeat(64), IPAddress: '10.86.0.2', IPPrefixLen: 24, Gateway: '10.86.0.1', MacAddress: '02:42:0a:56:00:02', Aliases: ['db'], InterfaceName: 'eth0' };

describe('network views', () => {
  it('inspect has Docker 20.10\'s keys and a Containers map of live endpoints', () => {
    expect(Object.keys(networkJson(net, [ep]))).toEqual(['Name', 'Id', 'Created', 'Scope', 'Driver', 'EnableIPv6', 'IPAM', 'Internal', 'Attachable', 'Ingress', 'ConfigFrom', 'ConfigOnly', 'Containers', 'Options', 'Labels']);
    expect(networkJson(net, [ep]).Containers).toEqual({ ['c'.repeat(64)]: { Name: 'web', EndpointID: 'e'.repeat(64), MacAddress: '02:42:0a:56:00:02', IPv4Address: '10.86.0.2/24', IPv6Address: '' } });
    expect(renderOne('{{.Name}} {{.Driver}} {{.Scope}} {{.Internal}} {{json .Labels}} {{.Created}}', networkInspect(net, [])))
      .toBe('app bridge local false {"a":"1","b":"2"} 2026-11-28 16:31:34.398509326 +0000 UTC\n');
  });
  it('ls rows are docker/cli\'s networkContext', () => {
    const row = networkRow(net, true);
    expect(renderList('table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}', [row], NETWORK_HEADERS)).toBe('NETWORK ID     NAME      DRIVER    SCOPE\nffffffffffff   app       bridge    local\n');
    expect(marshalJSON(row)).toBe('{"CreatedAt":"2026-11-28 16:31:34.398509326 +0000 UTC","Driver":"bridge","ID":"ffffffffffff","IPv4":"false","IPv6":"false","Internal":"false","Labels":"a=1,b=2","Name":"app","Scope":"local"}');
  });
});

describe('volume views', () => {
  const v = { Name: 'data', Driver: 'local' as const, CreatedAt: '2026-11-28T16:29:36Z', Labels: { a: 'b' }, Options: null };
  it('inspect JSON and templates as docker shows them', () => {
    expect(JSON.stringify(volumeInspect(v, '/v/data/_data'))).toBe('{"CreatedAt":"2026-11-28T16:29:36Z","Driver":"local","Labels":{"a":"b"},"Mountpoint":"/v/data/_data","Name":"data","Options":null,"Scope":"local"}');
    expect(renderOne('{{.Name}} {{.Driver}} {{.Scope}} {{json .Labels}} {{.Options}}', volumeInspect(v, '/m'))).toBe('data local local {"a":"b"} map[]\n');
  });
  it('ls rows (and their JSON) are docker/cli\'s volumeContext', () => {
    expect(renderList('table {{.Driver}}\t{{.Name}}', [volumeRow(v, '/m')], VOLUME_HEADERS)).toBe('DRIVER    VOLUME NAME\nlocal     data\n');
    expect(marshalJSON(volumeRow(v, '/m'))).toBe('{"Availability":"N/A","Driver":"local","Group":"N/A","Labels":"a=b","Links":"N/A","Mountpoint":"/m","Name":"data","Scope":"local","Size":"N/A","Status":"N/A"}');
  });
});

describe('container network settings', () => {
  const running = testContainer('c'.repeat(64), 'web', { AttachedNetworks: ['app'] });
  running.State = { ...running.State, Status: 'running' };
  running.Config.ExposedPorts = { '80/tcp': {}, '81/tcp': {} };
  const rt = {
    sandbox: { Id: 's'.repeat(64), Key: '/run/skiff/netns/x', Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '81/tcp': null } },
    networks: [{ name: 'app', id: net.Id, endpoint: { NetworkID: net.Id, EndpointID: 'e', Gateway: '10.86.0.1', IPAddress: '10.86.0.2', IPPrefixLen: 24, MacAddress: 'm', Aliases: ['db', 'cccccccccccc'] } }],
  };
  it('fills the endpoint only while running, the top-level fields only from the default bridge', () => {
    const s = networkSettings(running, rt);
    expect(s).toMatchObject({ SandboxID: 's'.repeat(64), SandboxKey: '/run/skiff/netns/x', IPAddress: '', Ports: rt.sandbox.Ports });
    expect((s.Networks as Record<string, unknown>).app).toMatchObject({ IPAddress: '10.86.0.2', Aliases: ['db', 'cccccccccccc'], NetworkID: net.Id });
    const stopped = { ...running, State: { ...running.State, Status: 'exited' as const } };
    expect(networkSettings(stopped, rt)).toMatchObject({ SandboxID: '', Ports: {}, Networks: { app: { IPAddress: '', NetworkID: '' } } });
    expect(livePorts(stopped, rt)).toEqual({});
  });
  it('ps shows the ports really taken, the networks and the mounts', () => {
    const withMounts = { ...running, MountPoints: [{ Type: 'volume' as const, Name: 'a'.repeat(64), Source: '/v', Destination: '/d', Driver: 'local', Mode: '', RW: true, Propagation: '' }, { Type: 'bind' as const, Source: '/tmp', Destination: '/t', Mode: '', RW: true, Propagation: 'rprivate' }] };
    const row = containerRow(containerSummary(withMounts, 'busybox', Date.now(), undefined, rt), { trunc: true, now: Date.now() });
    expect([row.Ports, row.Networks, row.Mounts, row.LocalVolumes]).toEqual(['81/tcp, 0.0.0.0:8080->80/tcp', 'app', `${'a'.repeat(14)}…,/tmp`, '1']);
  });
});
