import { describe, expect, it } from 'vitest';
import { testContainer, testEngine } from '../../test-support/engine.js';
import { parseFilterFlags } from '../images/filters.js';
import { createNetwork } from './create.js';
import { inspectNetwork, listNetworks } from './list.js';
import { pruneNetworks, removeNetwork } from './remove.js';
import { connectNetwork, disconnectNetwork } from './connect.js';
import { leaseEndpoint } from '../../network/endpoints.js';
import { netStore } from '../../network/store.js';
import { getNetwork } from '../../network/records.js';
import type { TestEngine } from '../../test-support/engine.js';

const names = (e: TestEngine, ...f: string[]) => listNetworks(e, parseFilterFlags(f)).map((l) => l.network.Name);
const lease = (e: TestEngine, id: string, net: string, ip?: string) => {
  const rec = testContainer(id.repeat(64).slice(0, 64), `c-${id}`);
  const network = getNetwork(e, net);
  return netStore(e).transaction(() => leaseEndpoint(e, rec, { network, settings: ip ? { IPAMConfig: { IPv4Address: ip } } : {}, interfaceName: 'eth0' }));
};

describe('network create', () => {
  it('gives the predefined networks Docker\'s shapes, the bridge on skiff0 / 10.87.0.0/16', () => {
    const e = testEngine();
    expect(names(e)).toEqual(['bridge', 'host', 'none']);
    const bridge = inspectNetwork(e, 'bridge').network;
    expect(bridge.IPAM).toEqual({ Driver: 'default', Options: null, Config: [{ Subnet: '10.87.0.0/16' }] });
    expect(bridge.Options['com.docker.network.bridge.name']).toBe('skiff0');
    expect(inspectNetwork(e, 'none').network.Driver).toBe('null');
  });

  it('takes the next free /24 of the pool, or the user\'s subnet with its first host as gateway', () => {
    const e = testEngine();
    const a = createNetwork(e, { name: 'a' });
    expect(getNetwork(e, a.Id).IPAM.Config).toEqual([{ Subnet: '10.86.0.0/24', Gateway: '10.86.0.1' }]);
    createNetwork(e, { name: 'b' });
    expect(getNetwork(e, 'b').Bridge).toMatchObject({ Subnet: '10.86.1.0/24', Interface: `sk-${getNetwork(e, 'b').Id.slice(0, 12)}`, AutoSubnet: true });
    createNetwork(e, { name: 'c', ipam: { Config: [{ Subnet: '10.213.7.0/24', IPRange: '10.213.7.128/25' }] }, labels: { k: 'v' } });
    expect(getNetwork(e, 'c').IPAM.Config).toEqual([{ Subnet: '10.213.7.0/24', IPRange: '10.213.7.128/25' }]);
    expect(getNetwork(e, 'c').Bridge).toMatchObject({ Gateway: '10.213.7.1', IPRange: '10.213.7.128/25' });
  });

  it('refuses what moby refuses, with its texts', () => {
    const e = testEngine();
    createNetwork(e, { name: 'dup', ipam: { Config: [{ Subnet: '10.213.9.0/24' }] } });
    expect(() => createNetwork(e, { name: 'dup' })).toThrow('network with name dup already exists');
    expect(() => createNetwork(e, { name: 'bridge' })).toThrow('operation is not permitted on predefined bridge network');
    expect(() => createNetwork(e, { name: 'x', driver: 'nope' })).toThrow('plugin "nope" not found');
    expect(() => createNetwork(e, { name: 'x', driver: 'host' })).toThrow('only one instance of "host" network is allowed');
    expect(() => createNetwork(e, { name: 'x', ipam: { Config: [{ Subnet: '10.0.0.0/99' }] } })).toThrow('Invalid subnet 10.0.0.0/99 : invalid CIDR address: 10.0.0.0/99');
    expect(() => createNetwork(e, { name: 'x', ipam: { Config: [{ Subnet: '10.213.9.128/25' }] } })).toThrow('Pool overlaps with other one on this address space');
    expect(() => createNetwork(e, { name: 'x', ipam: { Config: [{ Subnet: '10.213.30.0/24', Gateway: '10.213.30.0' }] } })).toThrow('failed to allocate gateway (10.213.30.0): Address already in use');
    expect(names(e, 'type=custom')).toEqual(['dup']);
  });
});

describe('network ls filters', () => {
  it('filters by name (regular expression), id, driver, label, type and dangling', () => {
    const e = testEngine();
    const a = createNetwork(e, { name: 'front', labels: { tier: 'web' } });
    createNetwork(e, { name: 'back' });
    lease(e, 'b', 'back');
    expect(names(e, 'name=^bridge$', 'name=^host$')).toEqual(['bridge', 'host']);
    expect(names(e, `id=${a.Id.slice(0, 6)}`)).toEqual(['front']);
    expect(names(e, 'driver=null')).toEqual(['none']);
    expect(names(e, 'label=tier=web')).toEqual(['front']);
    expect(names(e, 'type=builtin')).toEqual(['bridge', 'host', 'none']);
    expect(names(e, 'dangling=true')).toEqual(['front']);
    expect(names(e, 'dangling=0')).toEqual(['bridge', 'host', 'none', 'back']);
    expect(() => names(e, 'type=x')).toThrow("invalid filter: 'type'='x'");
    expect(() => names(e, 'foo=bar')).toThrow("Invalid filter 'foo'");
  });
});

describe('leases, rm and prune', () => {
  it('hands out distinct addresses, honours --ip, and refuses a taken or foreign one', () => {
    const e = testEngine();
    createNetwork(e, { name: 'n', ipam: { Config: [{ Subnet: '10.213.8.0/24' }] } });
    expect(lease(e, '1', 'n').IPAddress).toBe('10.213.8.2');
    expect(lease(e, '2', 'n').IPAddress).toBe('10.213.8.3');
    expect(lease(e, '3', 'n', '10.213.8.77')).toMatchObject({ IPAddress: '10.213.8.77', MacAddress: '02:42:0a:d5:08:4d', IPPrefixLen: 24 });
    expect(() => lease(e, '4', 'n', '10.213.8.77')).toThrow('Address already in use');
    expect(() => lease(e, '5', 'n', '10.9.9.9')).toThrow('no configured subnet or ip-range contain the IP address 10.9.9.9');
    expect(() => lease(e, '6', 'bridge', '10.87.0.9')).toThrow('user specified IP address is supported on user defined networks only');
    createNetwork(e, { name: 'auto' });
    expect(() => lease(e, '7', 'auto', '10.86.0.9')).toThrow('user specified IP address is supported only when connecting to networks with user configured subnets');
    expect(lease(e, '8', 'n').Aliases).toEqual(['888888888888']);
  });

  it('removes a network only without active endpoints; prune keeps the busy and the filtered-out ones', () => {
    const e = testEngine();
    createNetwork(e, { name: 'busy', labels: { keep: '1' } });
    createNetwork(e, { name: 'idle' });
    createNetwork(e, { name: 'tagged', labels: { keep: '1' } });
    const busy = getNetwork(e, 'busy');
    lease(e, 'a', 'busy');
    expect(() => removeNetwork(e, 'busy')).toThrow(`error while removing network: network busy id ${busy.Id} has active endpoints`);
    expect(() => removeNetwork(e, 'bridge')).toThrow('bridge is a pre-defined network and cannot be removed');
    expect(() => removeNetwork(e, 'nope')).toThrow('network nope not found');
    expect(pruneNetworks(e, parseFilterFlags(['label!=keep']))).toEqual({ NetworksDeleted: ['idle'] });
    expect(pruneNetworks(e)).toEqual({ NetworksDeleted: ['tagged'] });
  });
});

describe('network connect / disconnect (stopped containers)', () => {
  it('changes only the configuration, with Docker\'s refusals', async () => {
    const e = testEngine();
    createNetwork(e, { name: 'app' });
    e.state.insertContainer(testContainer('d'.repeat(64), 'box', { AttachedNetworks: ['bridge'] }));
    await connectNetwork(e, { network: 'app', container: 'box', settings: { Aliases: ['db'] } });
    // docker parity: a user-defined network also gets the short id as an alias (daemon updateNetworkConfig)
    expect(e.state.getContainer('d'.repeat(64))).toMatchObject({ AttachedNetworks: ['bridge', 'app'], NetworkingConfig: { EndpointsConfig: { app: { Aliases: ['db', 'd'.repeat(12)] } } } });
    await expect(connectNetwork(e, { network: 'host', container: 'box' })).rejects.toThrow('container cannot be disconnected from host network or connected to host network');
    await expect(connectNetwork(e, { network: 'bridge', container: 'box', settings: { Aliases: ['x'] } })).rejects.toThrow('network-scoped alias is supported only for containers in user defined networks');
    await disconnectNetwork(e, { network: 'app', container: 'box' });
    expect(e.state.getContainer('d'.repeat(64))!.AttachedNetworks).toEqual(['bridge']);
    await expect(disconnectNetwork(e, { network: 'app', container: 'box' })).rejects.toThrow(`container ${'d'.repeat(64)} is not connected to the network app`);
  });
});

describe('stale sandboxes', () => {
  it('are swept when their container is gone, whatever root it lived under', async () => {
    const e = testEngine();
    const { sweepStaleSandboxes } = await import('../../network/index.js');
    const sb = (id: string, Root: string) => ({ ContainerId: id, Id: id, Key: `${e.base}/nope-${id}`, Root, Ports: {}, Generation: 1 });
    e.state.insertContainer(testContainer('a'.repeat(64), 'alive'));
    (await import('node:fs')).mkdirSync(`${e.config.paths.containers}/${'a'.repeat(64)}`, { recursive: true });
    netStore(e).putSandbox(sb('a'.repeat(64), e.config.paths.dataRoot));
    netStore(e).putSandbox(sb('b'.repeat(64), '/nonexistent-root'));
    netStore(e).putSandbox(sb('c'.repeat(64), e.config.paths.dataRoot));
    await sweepStaleSandboxes(e);
    expect(netStore(e).listSandboxes().map((s) => s.ContainerId)).toEqual(['a'.repeat(64)]);
  });
});
