// The predefined networks (bridge, host, none) and network lookup. skiff's default bridge is
// `skiff0` on 10.87.0.0/16 and user networks take /24s from 10.64.0.0–10.86.255.255: outside
// docker0's 172.17/16 and Docker's pools (172.17–31, 192.168), and below Podman's 10.88+ pools.
import type { Engine } from '../context.js';
import { netStore } from './store.js';
import { notFound } from '../errors.js';
import type { NetworkRecord } from '../model/network.js';
import { generateId } from '../sys/ids.js';
import { rfc3339Nano } from '../views/time.js';

export const DEFAULT_BRIDGE_NAME = 'skiff0';
export const DEFAULT_SUBNET = '10.87.0.0/16';
export const DEFAULT_GATEWAY = '10.87.0.1';
/** First octet pairs of the user pool, tried in order: 10.86.0.0/24, 10.86.1.0/24, … 10.64.255.0/24. */
export const USER_POOL_SECOND_OCTETS: readonly number[] = Array.from({ length: 23 }, (_, i) => 86 - i);
export const PREDEFINED = ['bridge', 'host', 'none'] as const;

const base = (name: string, driver: NetworkRecord['Driver'], created: string): NetworkRecord => ({
  Id: generateId(), Name: name, Created: created, Driver: driver, Scope: 'local', EnableIPv6: false,
  IPAM: { Driver: 'default', Options: null, Config: [] }, Internal: false, Attachable: false, Ingress: false, ConfigOnly: false,
  Options: {}, Labels: {},
});

// docker parity: moby daemon/daemon_unix.go initBridgeDriver (the default bridge's options)
function defaultBridge(created: string): NetworkRecord {
  return {
    ...base('bridge', 'bridge', created),
    IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: DEFAULT_SUBNET }] },
    Options: {
      'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'true', 'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
      'com.docker.network.bridge.name': DEFAULT_BRIDGE_NAME, 'com.docker.network.driver.mtu': '1500',
    },
    Bridge: { Interface: DEFAULT_BRIDGE_NAME, Subnet: DEFAULT_SUBNET, Gateway: DEFAULT_GATEWAY, DnsEnabled: false },
  };
}

/** Records bridge, host and none the first time an engine's state is used for networking. */
export function ensurePredefined(engine: Engine): void {
  if (netStore(engine).networkByName('none')) return;
  netStore(engine).transaction(() => {
    const now = rfc3339Nano(engine.clock());
    if (!netStore(engine).networkByName('bridge')) netStore(engine).insertNetwork(defaultBridge(now));
    if (!netStore(engine).networkByName('host')) netStore(engine).insertNetwork(base('host', 'host', now));
    if (!netStore(engine).networkByName('none')) netStore(engine).insertNetwork(base('none', 'null', now));
  });
}

export const isPredefined = (name: string) => (PREDEFINED as readonly string[]).includes(name);

/** The network a container's NetworkMode or endpoint key names ("default" is the bridge). */
export const networkNameOf = (mode: string) => (mode === 'default' || mode === '' ? 'bridge' : mode);

// docker parity: moby daemon/network.go FindNetwork — full id, then exact name, then unique id prefix
export function findNetwork(engine: Engine, ref: string): NetworkRecord | undefined {
  ensurePredefined(engine);
  const byId = netStore(engine).getNetwork(ref);
  if (byId) return byId;
  const byName = netStore(engine).networkByName(ref);
  if (byName) return byName;
  if (!/^[0-9a-f]+$/.test(ref)) return undefined;
  const hits = netStore(engine).networksByIdPrefix(ref);
  return hits.length === 1 ? hits[0] : undefined;
}

export const noSuchNetwork = (ref: string) => notFound('no-such-network', `network ${ref} not found`);

export function getNetwork(engine: Engine, ref: string): NetworkRecord {
  const n = findNetwork(engine, ref);
  if (!n) throw noSuchNetwork(ref);
  return n;
}

export function listNetworkRecords(engine: Engine): NetworkRecord[] {
  ensurePredefined(engine);
  return netStore(engine).listNetworks();
}
