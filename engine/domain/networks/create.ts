// POST /networks/create and `network create`: bridge networks only (host and null exist once), a
// subnet of the user's or the next free /24 of skiff's pool, with moby 20.10's checks and texts.
import type { Engine } from '../../context.js';
import { conflict, daemonInvalid, EngineError, notFound, notImplemented } from '../../errors.js';
import type { IpamConfig, NetworkRecord } from '../../model/network.js';
import { cidrString, contains, firstHost, ipToInt, isIPv4, isIPv6Cidr, overlaps, parseCidr, type Cidr } from '../../network/ipnet.js';
import { isPredefined, USER_POOL_SECOND_OCTETS } from '../../network/records.js';
import { netStore } from '../../network/store.js';
import { hostRouteSubnets } from '../../sys/host-routes.js';
import { generateId } from '../../sys/ids.js';
import { rfc3339Nano } from '../../views/time.js';
import { ensurePredefined } from '../../network/records.js';
import { recordNetworkEvent } from '../events/emit.js';

export interface CreateNetworkOptions {
  name: string;
  driver?: string;
  options?: Record<string, string>;
  labels?: Record<string, string>;
  internal?: boolean;
  attachable?: boolean;
  ingress?: boolean;
  enableIPv6?: boolean;
  ipam?: { Driver?: string; Options?: Record<string, string>; Config?: IpamConfig[] };
}

const BRIDGE_NAME_OPT = 'com.docker.network.bridge.name';

// docker parity: moby daemon/network.go createNetwork and libnetwork's driver / ipam checks (the
// predefined-network message ends with a space in moby too)
function checkRequest(engine: Engine, o: CreateNetworkOptions): void {
  if (isPredefined(o.name)) throw new EngineError('permission-denied', 'predefined-network', `operation is not permitted on predefined ${o.name} network `);
  const driver = o.driver || 'bridge';
  if (driver === 'host' || driver === 'null') throw new EngineError('permission-denied', 'single-instance', `only one instance of ${JSON.stringify(driver)} network is allowed`);
  if (['macvlan', 'ipvlan', 'overlay'].includes(driver)) throw notImplemented('network-driver', `skiff: the ${driver} driver is not supported (bridge only)`);
  if (driver !== 'bridge') throw notFound('network-driver', `plugin ${JSON.stringify(driver)} not found`);
  const ipamDriver = o.ipam?.Driver || 'default';
  if (ipamDriver !== 'default') throw notFound('ipam-driver', `plugin ${JSON.stringify(ipamDriver)} not found`);
  if (o.enableIPv6) throw notImplemented('ipv6', 'skiff: IPv6 networks are not supported yet');
  if (netStore(engine).networkByName(o.name)) throw conflict('network-exists', `network with name ${o.name} already exists`);
}

/** The user's subnet, checked: a valid IPv4 CIDR, a gateway and range inside it, no overlap with another network. */
function userSubnet(engine: Engine, cfg: IpamConfig): { subnet: Cidr; gateway: string; range?: Cidr } {
  if (isIPv6Cidr(cfg.Subnet)) throw notImplemented('ipv6', 'skiff: IPv6 subnets are not supported yet');
  const subnet = parseCidr(cfg.Subnet);
  // docker parity: libnetwork ipamutils / Go net.ParseCIDR error text
  if (!subnet) throw daemonInvalid('bad-subnet', `Invalid subnet ${cfg.Subnet} : invalid CIDR address: ${cfg.Subnet}`);
  const range = cfg.IPRange ? parseCidr(cfg.IPRange) : undefined;
  if (cfg.IPRange && (!range || !contains(subnet, range.base))) throw daemonInvalid('bad-ip-range', `Invalid ip range ${cfg.IPRange} : no matching subnet`);
  if (cfg.Gateway && !isIPv4(cfg.Gateway)) throw daemonInvalid('bad-gateway', `invalid gateway address ${cfg.Gateway} in Ipam configuration`);
  const gateway = cfg.Gateway || firstHost(subnet);
  const g = ipToInt(gateway);
  if (subnet.prefix < 31 && (g === subnet.base || g === subnet.base + subnet.size - 1)) {
    throw daemonInvalid('gateway-in-use', `failed to allocate gateway (${gateway}): Address already in use`);
  }
  if (takenSubnets(engine).some((t) => overlaps(t, subnet))) throw new EngineError('permission-denied', 'pool-overlap', 'Pool overlaps with other one on this address space');
  return { subnet, gateway, range };
}

const takenSubnets = (engine: Engine): Cidr[] =>
  netStore(engine).listNetworks().flatMap((n) => (n.Bridge ? [parseCidr(n.Bridge.Subnet)!] : []));

/** The next /24 of the pool that no network and no host route uses. */
function poolSubnet(engine: Engine): Cidr {
  const taken = [...takenSubnets(engine), ...hostRouteSubnets().map((s) => parseCidr(s)).filter((c): c is Cidr => !!c)];
  for (const second of USER_POOL_SECOND_OCTETS) {
    for (let third = 0; third < 256; third++) {
      const c = parseCidr(`10.${second}.${third}.0/24`)!;
      if (!taken.some((t) => overlaps(t, c))) return c;
    }
  }
  // docker parity: libnetwork ipam "could not find an available, non-overlapping IPv4 address pool"
  throw new EngineError('permission-denied', 'pool-exhausted', 'could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
}

export function createNetwork(engine: Engine, o: CreateNetworkOptions): { Id: string; Warning: string } {
  ensurePredefined(engine);
  return netStore(engine).transaction(() => {
    checkRequest(engine, o);
    const configs = o.ipam?.Config ?? [];
    if (configs.length > 1) throw notImplemented('multiple-subnets', 'skiff: one subnet per network is supported');
    const id = generateId();
    const chosen = configs[0] ? userSubnet(engine, configs[0]) : undefined;
    const subnet = chosen?.subnet ?? poolSubnet(engine);
    const gateway = chosen?.gateway ?? firstHost(subnet);
    const ipamConfig: IpamConfig[] = chosen ? [stripEmpty({ ...configs[0]! })] : [{ Subnet: cidrString(subnet), Gateway: gateway }];
    const options = { ...(o.options ?? {}) };
    const rec: NetworkRecord = {
      Id: id, Name: o.name, Created: rfc3339Nano(engine.clock()), Driver: 'bridge', Scope: 'local', EnableIPv6: false,
      IPAM: { Driver: 'default', Options: { ...(o.ipam?.Options ?? {}) }, Config: ipamConfig },
      Internal: o.internal === true, Attachable: o.attachable === true, Ingress: o.ingress === true, ConfigOnly: false,
      Options: options, Labels: { ...(o.labels ?? {}) },
      Bridge: {
        Interface: options[BRIDGE_NAME_OPT] || `sk-${id.slice(0, 12)}`, Subnet: cidrString(subnet), Gateway: gateway,
        ...(chosen?.range ? { IPRange: cidrString(chosen.range) } : {}), DnsEnabled: true, ...(chosen ? {} : { AutoSubnet: true }),
      },
    };
    netStore(engine).insertNetwork(rec);
    recordNetworkEvent(engine, rec, 'create');
    return { Id: id, Warning: '' };
  });
}

const stripEmpty = (c: IpamConfig): IpamConfig =>
  Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined && v !== '' && !(typeof v === 'object' && Object.keys(v).length === 0))) as unknown as IpamConfig;
