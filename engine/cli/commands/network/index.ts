// `network create|ls|inspect|rm|prune|connect|disconnect`, printed as docker/cli 28.2 does.
// docker parity: cli@28.2 cli/command/network/*.go
import type { CommandContext, CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { connectNetwork, disconnectNetwork } from '../../../domain/networks/connect.js';
import { createNetwork } from '../../../domain/networks/create.js';
import { inspectNetwork, listNetworks } from '../../../domain/networks/list.js';
import { pruneNetworks, removeNetwork } from '../../../domain/networks/remove.js';
import { isEngineError } from '../../../errors.js';
import { FormatError, parseFormat, renderList } from '../../../format/index.js';
import { NETWORK_HEADERS, NETWORK_TABLE, networkFormat, networkInspect, networkRow } from '../../../views/network.js';
import { daemonError } from '../../exit.js';
import { validateLink } from '../../flags/flag-values.js';
import { FORMAT_HELP, INSPECT_FORMAT_HELP } from '../../format-help.js';
import { inspectRefs } from '../../inspect-output.js';
import type { FlagSpec } from '../../pflag.js';
import { filterFlag, filtersFrom } from '../image/common.js';
import { readLine } from '../image/prune.js';
import { kvMap, labelFlag, mapFlag } from '../volume/shared.js';
import { ipamConfigs } from './ipam-flags.js';

/** pflag's StringSlice: each value split on commas. */
const strings = (name: string, usage: string): FlagSpec => ({ name, type: 'stringArray', valueName: 'strings', usage });
const splitAll = (v: unknown) => ((v as string[] | undefined) ?? []).flatMap((s) => s.split(',')).filter((s) => s !== '');
const clientError = (e: unknown): never => { throw new StatusError((e as Error).message, 1); };

const create: CommandSpec = {
  path: 'network create', usage: '[OPTIONS] NETWORK', description: 'Create a network', args: { min: 1, max: 1 },
  flags: [
    { name: 'attachable', type: 'bool', usage: 'Enable manual container attachment' },
    mapFlag('aux-address', 'Auxiliary IPv4 or IPv6 addresses used by Network driver'),
    { name: 'config-from', type: 'string', usage: 'The network from which to copy the configuration' },
    { name: 'config-only', type: 'bool', usage: 'Create a configuration only network' },
    { name: 'driver', short: 'd', type: 'string', defaultValue: 'bridge', usage: 'Driver to manage the Network (default "bridge")' },
    strings('gateway', 'IPv4 or IPv6 Gateway for the master subnet'),
    { name: 'ingress', type: 'bool', usage: 'Create swarm routing-mesh network' },
    { name: 'internal', type: 'bool', usage: 'Restrict external access to the network' },
    strings('ip-range', 'Allocate container ip from a sub-range'),
    { name: 'ipam-driver', type: 'string', defaultValue: 'default', usage: 'IP Address Management Driver (default "default")' },
    mapFlag('ipam-opt', 'Set IPAM driver specific options'),
    { name: 'ipv4', type: 'bool', defaultValue: true, usage: 'Enable or disable IPv4 address assignment (default true)' },
    { name: 'ipv6', type: 'bool', usage: 'Enable or disable IPv6 address assignment' },
    labelFlag('Set metadata on a network'),
    mapFlag('opt', 'Set driver specific options', 'o'),
    { name: 'scope', type: 'string', usage: "Control the network's scope" },
    strings('subnet', 'Subnet in CIDR format that represents a network segment'),
  ],
  async run(ctx) {
    const f = ctx.flags;
    let config;
    try { config = ipamConfigs(splitAll(f.subnet), splitAll(f['ip-range']), splitAll(f.gateway), kvMap(f['aux-address'])); } catch (e) { clientError(e); }
    const engine = await ctx.engine();
    const res = createNetwork(engine, {
      name: ctx.args[0]!, driver: f.driver as string, options: kvMap(f.opt), labels: kvMap(f.label), internal: f.internal as boolean,
      attachable: f.attachable as boolean, ingress: f.ingress as boolean, enableIPv6: f.ipv6 as boolean,
      ipam: { Driver: f['ipam-driver'] as string, Options: kvMap(f['ipam-opt']), Config: config },
    });
    ctx.io.stdout.write(`${res.Id}\n`);
    return 0;
  },
};

const naturalLess = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

const ls: CommandSpec = {
  path: 'network ls', aliases: ['network list'], usage: '[OPTIONS]', description: 'List networks', args: { max: 0 },
  flags: [
    filterFlag('Provide filter values (e.g. "driver=bridge")'),
    { name: 'format', type: 'string', usage: FORMAT_HELP },
    { name: 'no-trunc', type: 'bool', usage: 'Do not truncate the output' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only display network IDs' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const nets = listNetworks(engine, filtersFrom(ctx.flags.filter)).map((l) => l.network).sort((a, b) => naturalLess(a.Name, b.Name));
    const source = networkFormat((ctx.flags.format as string) || 'table', ctx.flags.quiet as boolean);
    try {
      ctx.io.stdout.write(renderList(parseFormat(source, NETWORK_TABLE), nets.map((n) => networkRow(n, !(ctx.flags['no-trunc'] as boolean))), NETWORK_HEADERS));
    } catch (e) {
      if (e instanceof FormatError) throw new StatusError(e.message, 1);
      throw e;
    }
    return 0;
  },
};

const inspect: CommandSpec = {
  path: 'network inspect', usage: '[OPTIONS] NETWORK [NETWORK...]', description: 'Display detailed information on one or more networks', args: { min: 1 },
  flags: [
    { name: 'format', short: 'f', type: 'string', usage: INSPECT_FORMAT_HELP },
    { name: 'verbose', short: 'v', type: 'bool', usage: 'Verbose output for diagnostics' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    return inspectRefs(ctx.io, ctx.args, (ctx.flags.format as string) || undefined,
      async (ref) => { const l = inspectNetwork(engine, ref); return networkInspect(l.network, l.endpoints); }, daemonError);
  },
};

const rm: CommandSpec = {
  path: 'network rm', aliases: ['network remove'], usage: 'NETWORK [NETWORK...]', description: 'Remove one or more networks', args: { min: 1 },
  flags: [{ name: 'force', short: 'f', type: 'bool', usage: 'Do not error if the network does not exist' }],
  async run(ctx) {
    const engine = await ctx.engine();
    let failed = false;
    for (const name of ctx.args) {
      try {
        removeNetwork(engine, name);
        ctx.io.stdout.write(`${name}\n`);
      } catch (e) {
        if (ctx.flags.force && isEngineError(e, 'not-found')) continue;
        ctx.io.stderr.write(`${daemonError(e)}\n`);
        failed = true;
      }
    }
    // docker parity: cli@28.2 network/remove.go (cli.StatusError "exit status 1")
    if (failed) throw new StatusError('exit status 1', 1);
    return 0;
  },
};

const WARNING = 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?';

const prune: CommandSpec = {
  path: 'network prune', usage: '[OPTIONS]', description: 'Remove all unused networks', args: { max: 0 },
  flags: [
    filterFlag('Provide filter values (e.g. "until=<timestamp>")', null),
    { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  async run(ctx) {
    const filters = filtersFrom(ctx.flags.filter);
    if (!(ctx.flags.force as boolean)) {
      ctx.io.stdout.write(`${WARNING} [y/N] `);
      if ((await readLine(ctx.io.stdin)).toLowerCase() !== 'y') return 0;
    }
    const engine = await ctx.engine();
    const { NetworksDeleted } = pruneNetworks(engine, filters);
    if (NetworksDeleted.length > 0) ctx.io.stdout.write(`Deleted Networks:\n${NetworksDeleted.map((n) => `${n}\n`).join('')}\n`);
    return 0;
  },
};

function endpointSettings(ctx: CommandContext) {
  const f = ctx.flags;
  const driverOpts: Record<string, string> = {};
  for (const o of splitAll(f['driver-opt'])) {
    const eq = o.indexOf('=');
    if (eq < 0 || o.slice(0, eq).trim() === '') throw new StatusError('invalid key/value pair format in driver options', 1);
    driverOpts[o.slice(0, eq).trim()] = o.slice(eq + 1).trim();
  }
  const ipam = { IPv4Address: (f.ip as string) || undefined, IPv6Address: (f.ip6 as string) || undefined, LinkLocalIPs: splitAll(f['link-local-ip']) };
  return { IPAMConfig: ipam, Links: (f.link as string[]) ?? [], Aliases: splitAll(f.alias), DriverOpts: driverOpts };
}

const connect: CommandSpec = {
  path: 'network connect', usage: '[OPTIONS] NETWORK CONTAINER', description: 'Connect a container to a network', args: { min: 2, max: 2 },
  flags: [
    strings('alias', 'Add network-scoped alias for the container'),
    strings('driver-opt', 'driver options for the network'),
    { name: 'gw-priority', type: 'int', usage: 'Highest gw-priority provides the default gateway. Accepts positive and negative values.' },
    { name: 'ip', type: 'string', usage: 'IPv4 address (e.g., "172.30.100.104")' },
    { name: 'ip6', type: 'string', usage: 'IPv6 address (e.g., "2001:db8::33")' },
    { name: 'link', type: 'stringArray', valueName: 'list', usage: 'Add link to another container', parse: validateLink },
    strings('link-local-ip', 'Add a link-local address for the container'),
  ],
  async run(ctx) {
    const settings = endpointSettings(ctx);
    const engine = await ctx.engine();
    await connectNetwork(engine, { network: ctx.args[0]!, container: ctx.args[1]!, settings });
    return 0;
  },
};

const disconnect: CommandSpec = {
  path: 'network disconnect', usage: '[OPTIONS] NETWORK CONTAINER', description: 'Disconnect a container from a network', args: { min: 2, max: 2 },
  flags: [{ name: 'force', short: 'f', type: 'bool', usage: 'Force the container to disconnect from a network' }],
  async run(ctx) {
    const engine = await ctx.engine();
    await disconnectNetwork(engine, { network: ctx.args[0]!, container: ctx.args[1]!, force: ctx.flags.force as boolean });
    return 0;
  },
};

export default [create, ls, inspect, rm, prune, connect, disconnect];
