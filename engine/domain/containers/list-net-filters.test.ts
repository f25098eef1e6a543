import { describe, expect, it } from 'vitest';
import { testContainer, testEngine } from '../../test-support/engine.js';
import { listContainers, parseFilterFlags } from './list.js';
import { portFilter } from './list-net-filters.js';

describe('ps network, port and volume filters', () => {
  it('reads publish/expose values as moby does', () => {
    expect([...portFilter('publish', ['80', '8000-8001/udp'])]).toEqual(['80/tcp', '8000/udp', '8001/udp']);
    expect(() => portFilter('publish', ['127.0.0.1:80'])).toThrow("filter for 'publish' should not contain ':': 127.0.0.1:80");
    expect(() => portFilter('expose', ['x'])).toThrow('error while looking up for expose x');
  });
  it('selects containers by network name, exposed port and volume', () => {
    const e = testEngine();
    const a = testContainer('a'.repeat(64), 'a', { AttachedNetworks: ['bridge'], MountPoints: [{ Type: 'volume', Name: 'data', Source: '/v', Destination: '/d', Mode: '', RW: true, Propagation: '' }] });
    a.Config.ExposedPorts = { '80/tcp': {} };
    a.State = { ...a.State, Status: 'running', Pid: process.pid, ConmonPid: process.pid };
    const b = testContainer('b'.repeat(64), 'b', { AttachedNetworks: ['none'] });
    e.state.insertContainer(a);
    e.state.insertContainer(b);
    const ls = (...f: string[]) => listContainers(e, { all: true, filters: parseFilterFlags(f) }, () => true).map((c) => c.Name);
    expect(ls('network=bridge')).toEqual(['a']);
    expect(ls('network=none')).toEqual(['b']);
    expect(ls('expose=80')).toEqual(['a']);
    expect(ls('publish=80')).toEqual([]);
    expect(ls('volume=data')).toEqual(['a']);
    expect(ls('volume=/d')).toEqual(['a']);
  });
});
