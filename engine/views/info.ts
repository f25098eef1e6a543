// `docker info`: docker/cli's dockerInfo (the server's system.Info with the client's section beside it)
// as the Go struct --format templates see, and its human layout.
// docker parity: cli@28.2 cli/command/system/info.go; api/types/system/info.go, registry, swarm
import type { SystemInfo } from '../domain/system/info.js';
import { bytesSize } from '../format/index.js';
import { B, def, embed, goTyped, I, map, ptr, S, slice, STRINGS, struct } from './go-typed.js';
import { CLIENT_VERSION, type ClientVersion } from './version.js';

const COMMIT = def('system.Commit', { ID: S, 'Expected?': S });
const PLUGINS = def('system.PluginsInfo', { Volume: STRINGS, Network: STRINGS, Authorization: STRINGS, Log: STRINGS });
const INDEX_INFO = def('registry.IndexInfo', { Name: S, Mirrors: STRINGS, Secure: B, Official: B });
const SERVICE_CONFIG = def('registry.ServiceConfig', {
  'AllowNondistributableArtifactsCIDRs?': slice('[]*registry.NetIPNet'), 'AllowNondistributableArtifactsHostnames?': STRINGS,
  InsecureRegistryCIDRs: slice('[]*registry.NetIPNet'), IndexConfigs: map('map[string]*registry.IndexInfo', ptr(INDEX_INFO)), Mirrors: STRINGS,
}, { sortedJson: true });
const RUNTIME = def('system.RuntimeWithStatus', {
  Runtime: embed(def('system.Runtime', { 'Path:path?': S, 'Args:runtimeArgs?': STRINGS, 'Type:runtimeType?': S, 'Options:options?': map('map[string]interface {}') })),
  'Status:status?': map('map[string]string'),
});
const SWARM = def('swarm.Info', {
  NodeID: S, NodeAddr: S, LocalNodeState: S, ControlAvailable: B, Error: S, RemoteManagers: slice('[]swarm.Peer'),
  'Nodes?': I, 'Managers?': I, 'Cluster?': ptr('swarm.ClusterInfo'), 'Warnings?': STRINGS,
});

const INFO = def('system.Info', {
  ID: S, Containers: I, ContainersRunning: I, ContainersPaused: I, ContainersStopped: I, Images: I, Driver: S,
  DriverStatus: slice('[][2]string'), 'SystemStatus?': slice('[][2]string'), Plugins: struct(PLUGINS), MemoryLimit: B, SwapLimit: B,
  'KernelMemory?': B, 'KernelMemoryTCP?': B, 'CPUCfsPeriod:CpuCfsPeriod': B, 'CPUCfsQuota:CpuCfsQuota': B, CPUShares: B, CPUSet: B,
  PidsLimit: B, IPv4Forwarding: B, Debug: B, NFd: I, OomKillDisable: B, NGoroutines: I, SystemTime: S, LoggingDriver: S,
  CgroupDriver: S, 'CgroupVersion?': S, NEventsListener: I, KernelVersion: S, OperatingSystem: S, OSVersion: S, OSType: S,
  Architecture: S, IndexServerAddress: S, RegistryConfig: ptr(SERVICE_CONFIG), NCPU: I, MemTotal: I,
  GenericResources: slice('[]swarm.GenericResource'), DockerRootDir: S, 'HTTPProxy:HttpProxy': S, 'HTTPSProxy:HttpsProxy': S,
  NoProxy: S, Name: S, Labels: STRINGS, ExperimentalBuild: B, ServerVersion: S,
  Runtimes: map('map[string]system.RuntimeWithStatus', struct(RUNTIME)), DefaultRuntime: S, Swarm: struct(SWARM),
  LiveRestoreEnabled: B, Isolation: S, InitBinary: S, ContainerdCommit: struct(COMMIT), RuncCommit: struct(COMMIT),
  InitCommit: struct(COMMIT), SecurityOptions: STRINGS, 'ProductLicense?': S, 'DefaultAddressPools?': slice('[]system.NetworkAddressPool'),
  'FirewallBackend?': ptr('system.FirewallInfo'), CDISpecDirs: STRINGS, 'Containerd?': ptr('system.ContainerdInfo'), Warnings: STRINGS,
});

const CLIENT_INFO = def('system.clientInfo', { Debug: B, clientVersion: embed(CLIENT_VERSION), Plugins: slice('[]pluginmanager.Plugin'), Warnings: STRINGS });
const DOCKER_INFO = def('system.dockerInfo', { Info: embed(INFO), 'ServerErrors?': STRINGS, 'ClientInfo?': ptr(CLIENT_INFO), 'ClientErrors?': STRINGS });

export interface ClientInfo extends ClientVersion { Debug: boolean; Plugins: unknown[]; Warnings: string[] | null }

/** The value `docker info --format` runs on. */
export function dockerInfo(info: SystemInfo, client: ClientInfo): object {
  return goTyped({ ...info, ClientInfo: client }, DOCKER_INFO);
}

/** prettyPrintInfo: the Client and Server sections for stdout, the daemon's warnings for stderr. */
export function prettyInfo(info: SystemInfo, client: ClientInfo): { out: string; warnings: string[] } {
  const lines: string[] = [];
  const ln = (...a: unknown[]) => lines.push(a.map(String).join(' '));
  const nonEmpty = (label: string, v: unknown) => { if (v) ln(label, v); };
  ln(client.Platform?.Name ? `Client: ${client.Platform.Name}` : 'Client:');
  nonEmpty(' Version:   ', client.Version);
  ln(' Context:   ', client.Context);
  ln(' Debug Mode:', client.Debug);
  ln();
  ln('Server:');
  const i = info as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  ln(' Containers:', i.Containers); ln('  Running:', i.ContainersRunning); ln('  Paused:', i.ContainersPaused); ln('  Stopped:', i.ContainersStopped);
  ln(' Images:', i.Images);
  nonEmpty(' Server Version:', i.ServerVersion);
  nonEmpty(' Storage Driver:', i.Driver);
  for (const [k, v] of (i.DriverStatus ?? []) as Array<[string, string]>) lines.push(`  ${k}: ${v}`);
  nonEmpty(' Logging Driver:', i.LoggingDriver); nonEmpty(' Cgroup Driver:', i.CgroupDriver); nonEmpty(' Cgroup Version:', i.CgroupVersion);
  ln(' Plugins:');
  ln('  Volume:', (i.Plugins.Volume ?? []).join(' ')); ln('  Network:', (i.Plugins.Network ?? []).join(' '));
  if ((i.Plugins.Authorization ?? []).length) ln('  Authorization:', i.Plugins.Authorization.join(' '));
  ln('  Log:', (i.Plugins.Log ?? []).join(' '));
  ln(' Swarm:', i.Swarm.LocalNodeState);
  if (Object.keys(i.Runtimes ?? {}).length) { ln(' Runtimes:', Object.keys(i.Runtimes).join(' ')); ln(' Default Runtime:', i.DefaultRuntime); }
  ln(' Init Binary:', i.InitBinary); ln(' containerd version:', i.ContainerdCommit.ID); ln(' runc version:', i.RuncCommit.ID); ln(' init version:', i.InitCommit.ID);
  if ((i.SecurityOptions ?? []).length) {
    ln(' Security Options:');
    for (const opt of i.SecurityOptions as string[]) {
      const kv = Object.fromEntries(opt.split(',').map((p) => p.split('=') as [string, string]));
      ln(`  ${kv.name}`);
      if (kv.profile) ln('   Profile:', kv.profile);
    }
  }
  nonEmpty(' Kernel Version:', i.KernelVersion); nonEmpty(' Operating System:', i.OperatingSystem); nonEmpty(' OSType:', i.OSType);
  nonEmpty(' Architecture:', i.Architecture);
  ln(' CPUs:', i.NCPU); ln(' Total Memory:', bytesSize(i.MemTotal)); nonEmpty(' Name:', i.Name); nonEmpty(' ID:', i.ID);
  ln(' Docker Root Dir:', i.DockerRootDir); ln(' Debug Mode:', i.Debug);
  if (i.Debug || client.Debug) { ln('  File Descriptors:', i.NFd); ln('  Goroutines:', i.NGoroutines); ln('  System Time:', i.SystemTime); ln('  EventsListeners:', i.NEventsListener); }
  nonEmpty(' HTTP Proxy:', i.HttpProxy); nonEmpty(' HTTPS Proxy:', i.HttpsProxy); nonEmpty(' No Proxy:', i.NoProxy);
  if ((i.Labels ?? []).length) { ln(' Labels:'); for (const l of i.Labels) ln(`  ${l}`); }
  ln(' Experimental:', i.ExperimentalBuild);
  const reg = i.RegistryConfig;
  if (reg && ((reg.InsecureRegistryCIDRs ?? []).length || Object.keys(reg.IndexConfigs ?? {}).length)) {
    ln(' Insecure Registries:');
    for (const c of Object.values(reg.IndexConfigs ?? {}) as Array<{ Name: string; Secure: boolean }>) if (!c.Secure) ln(`  ${c.Name}`);
    for (const cidr of reg.InsecureRegistryCIDRs ?? []) ln(`  ${cidr}`);
  }
  if (reg && (reg.Mirrors ?? []).length) { ln(' Registry Mirrors:'); for (const m of reg.Mirrors) ln(`  ${m}`); }
  ln(' Live Restore Enabled:', i.LiveRestoreEnabled);
  ln();
  return { out: `${lines.join('\n')}\n`, warnings: (i.Warnings ?? []) as string[] };
}
