import { describe, expect, it } from 'vitest';
import { initialState, type ContainerRecord } from '../model/container.js';
import { defaultHostConfig, emptyContainerConfig } from '../model/defaults.js';
import { displayablePorts, portMap, summaryPorts } from './container-ports.js';
import { summaryCommand } from './container-summary.js';

const running = (): ContainerRecord => ({
  Id: 'a'.repeat(64), Name: 'web', Created: '2026-01-01T00:00:00Z', ImageRef: 'busybox', ImageId: 'sha256:x', Path: 'sh', Args: [],
  Config: { ...emptyContainerConfig(), ExposedPorts: { '80/tcp': {}, '81/tcp': {}, '90/tcp': {} } },
  HostConfig: { ...defaultHostConfig(), PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18081' }], '81/tcp': [{ HostIp: '127.0.0.1', HostPort: '32778' }] } },
  NetworkingConfig: { EndpointsConfig: {} }, State: { ...initialState(), Status: 'running' }, Driver: 'overlay', LayerId: 'x',
});

describe('published ports', () => {
  it('renders the PORTS column as docker ps (measured against docker 28.2)', () => {
    expect(displayablePorts(summaryPorts(portMap(running())))).toBe('90/tcp, 127.0.0.1:18081->80/tcp, 127.0.0.1:32778->81/tcp');
  });

  it('groups consecutive ports into ranges and keeps same-number mappings in the groups', () => {
    const ports = [8000, 8001, 8002, 9000].map((p) => ({ PrivatePort: p, Type: 'tcp' }));
    expect(displayablePorts([...ports, { IP: '0.0.0.0', PrivatePort: 53, PublicPort: 53, Type: 'udp' }, { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }]))
      .toBe('8000-8002/tcp, 0.0.0.0:53->53/udp, 9000/tcp, [::]:8080->80/tcp');
  });

  it('has none for a container that is not running', () => {
    expect(portMap({ ...running(), State: initialState() })).toEqual({});
  });
});

describe('summary command', () => {
  it('quotes arguments holding a space, as moby does', () => {
    expect(summaryCommand('sh', ['-c', 'sleep 300; echo hi'])).toBe("sh -c 'sleep 300; echo hi'");
    expect(summaryCommand('true', [])).toBe('true');
  });
});
