// The Go types docker/cli 28.2 decodes GET /containers/{id}/json into (container.InspectResponse and
// what it holds), as field lists for goTyped(). Field order is Go's declaration order; "?" marks omitempty.
// docker parity: cli@28.2 vendor/github.com/docker/docker/api/types/container/{container,config,hostconfig,network_settings}.go
import { B, def, embed, I, map, ptr, S, slice, STRINGS, struct } from './go-typed.js';

const HEALTH_RESULT = def('container.HealthcheckResult', { Start: S, End: S, ExitCode: I, Output: S });
const HEALTH = def('container.Health', { Status: S, FailingStreak: I, Log: slice('[]*container.HealthcheckResult', ptr(HEALTH_RESULT)) });

export const STATE = def('container.State', {
  Status: S, Running: B, Paused: B, Restarting: B, OOMKilled: B, Dead: B, Pid: I, ExitCode: I, Error: S, StartedAt: S, FinishedAt: S,
  'Health?': ptr(HEALTH),
});

const DRIVER_DATA = def('storage.DriverData', { Data: map('map[string]string'), Name: S });
const RESTART_POLICY = def('container.RestartPolicy', { Name: S, MaximumRetryCount: I });
const LOG_CONFIG = def('container.LogConfig', { Type: S, Config: map('map[string]string') });

const RESOURCES = def('container.Resources', {
  'CPUShares:CpuShares': I, Memory: I, 'NanoCPUs:NanoCpus': I, CgroupParent: S, BlkioWeight: I,
  BlkioWeightDevice: slice('[]*blkiodev.WeightDevice'), BlkioDeviceReadBps: slice('[]*blkiodev.ThrottleDevice'),
  BlkioDeviceWriteBps: slice('[]*blkiodev.ThrottleDevice'), BlkioDeviceReadIOps: slice('[]*blkiodev.ThrottleDevice'),
  BlkioDeviceWriteIOps: slice('[]*blkiodev.ThrottleDevice'), 'CPUPeriod:CpuPeriod': I, 'CPUQuota:CpuQuota': I,
  'CPURealtimePeriod:CpuRealtimePeriod': I, 'CPURealtimeRuntime:CpuRealtimeRuntime': I, CpusetCpus: S, CpusetMems: S,
  Devices: slice('[]container.DeviceMapping'), DeviceCgroupRules: STRINGS, DeviceRequests: slice('[]container.DeviceRequest'),
  MemoryReservation: I, MemorySwap: I, MemorySwappiness: ptr('int64'), OomKillDisable: ptr('bool'),
  PidsLimit: ptr('int64'), Ulimits: slice('[]*container.Ulimit'), 'CPUCount:CpuCount': I, 'CPUPercent:CpuPercent': I,
  IOMaximumIOps: I, IOMaximumBandwidth: I,
});

export const HOST_CONFIG = def('container.HostConfig', {
  Binds: STRINGS, ContainerIDFile: S, LogConfig: struct(LOG_CONFIG), NetworkMode: S, PortBindings: map('nat.PortMap'),
  RestartPolicy: struct(RESTART_POLICY), AutoRemove: B, VolumeDriver: S, VolumesFrom: STRINGS, ConsoleSize: slice('[2]uint'),
  'Annotations?': map('map[string]string'), CapAdd: slice('strslice.StrSlice'), CapDrop: slice('strslice.StrSlice'), CgroupnsMode: S,
  'DNS:Dns': STRINGS, 'DNSOptions:DnsOptions': STRINGS, 'DNSSearch:DnsSearch': STRINGS, ExtraHosts: STRINGS, GroupAdd: STRINGS,
  IpcMode: S, Cgroup: S, Links: STRINGS, OomScoreAdj: I, PidMode: S, Privileged: B, PublishAllPorts: B, ReadonlyRootfs: B,
  SecurityOpt: STRINGS, 'StorageOpt?': map('map[string]string'), 'Tmpfs?': map('map[string]string'), UTSMode: S, UsernsMode: S, ShmSize: I,
  'Sysctls?': map('map[string]string'), 'Runtime?': S, Isolation: S, Resources: embed(RESOURCES), 'Mounts?': slice('[]mount.Mount'),
  MaskedPaths: STRINGS, ReadonlyPaths: STRINGS, 'Init?': ptr('bool'),
});

const HEALTH_CONFIG = def('container.HealthConfig', { Test: STRINGS, 'Interval?': I, 'Timeout?': I, 'StartPeriod?': I, 'StartInterval?': I, 'Retries?': I });

export const CONFIG = def('container.Config', {
  Hostname: S, Domainname: S, User: S, AttachStdin: B, AttachStdout: B, AttachStderr: B, 'ExposedPorts?': map('nat.PortSet'),
  Tty: B, OpenStdin: B, StdinOnce: B, Env: STRINGS, Cmd: slice('strslice.StrSlice'), 'Healthcheck?': ptr(HEALTH_CONFIG), 'ArgsEscaped?': B,
  Image: S, Volumes: map('map[string]struct {}'), WorkingDir: S, Entrypoint: slice('strslice.StrSlice'), 'NetworkDisabled?': B,
  'MacAddress?': S, OnBuild: STRINGS, Labels: map('map[string]string'), 'StopSignal?': S, 'StopTimeout?': ptr('int'), 'Shell?': slice('strslice.StrSlice'),
});

const ENDPOINT = def('network.EndpointSettings', {
  IPAMConfig: ptr('network.EndpointIPAMConfig'), Links: STRINGS, Aliases: STRINGS, MacAddress: S, DriverOpts: map('map[string]string'),
  GwPriority: I, NetworkID: S, EndpointID: S, Gateway: S, IPAddress: S, IPPrefixLen: I, IPv6Gateway: S, GlobalIPv6Address: S,
  GlobalIPv6PrefixLen: I, DNSNames: STRINGS,
});

const NETWORK_SETTINGS_BASE = def('container.NetworkSettingsBase', {
  Bridge: S, SandboxID: S, SandboxKey: S, Ports: map('nat.PortMap'), HairpinMode: B, LinkLocalIPv6Address: S, LinkLocalIPv6PrefixLen: I,
  SecondaryIPAddresses: slice('[]network.Address'), SecondaryIPv6Addresses: slice('[]network.Address'),
});

const DEFAULT_NETWORK_SETTINGS = def('container.DefaultNetworkSettings', {
  EndpointID: S, Gateway: S, GlobalIPv6Address: S, GlobalIPv6PrefixLen: I, IPAddress: S, IPPrefixLen: I, IPv6Gateway: S, MacAddress: S,
});

export const NETWORK_SETTINGS = def('container.NetworkSettings', {
  NetworkSettingsBase: embed(NETWORK_SETTINGS_BASE), DefaultNetworkSettings: embed(DEFAULT_NETWORK_SETTINGS),
  Networks: map('map[string]*network.EndpointSettings', ptr(ENDPOINT)),
});

const MOUNT_POINT = def('container.MountPoint', { Type: S, 'Name?': S, Source: S, Destination: S, 'Driver?': S, Mode: S, RW: B, Propagation: S });

const CONTAINER_JSON_BASE = def('container.ContainerJSONBase', {
  'ID:Id': S, Created: S, Path: S, Args: STRINGS, State: ptr(STATE), Image: S, ResolvConfPath: S, HostnamePath: S, HostsPath: S,
  LogPath: S, Name: S, RestartCount: I, Driver: S, Platform: S, MountLabel: S, ProcessLabel: S, AppArmorProfile: S, ExecIDs: STRINGS,
  HostConfig: ptr(HOST_CONFIG), GraphDriver: struct(DRIVER_DATA), 'SizeRw?': ptr('int64'), 'SizeRootFs?': ptr('int64'),
});

export const INSPECT_RESPONSE = def('container.InspectResponse', {
  ContainerJSONBase: embed(CONTAINER_JSON_BASE), Mounts: slice('[]container.MountPoint', struct(MOUNT_POINT)), Config: ptr(CONFIG),
  NetworkSettings: ptr(NETWORK_SETTINGS), 'ImageManifestDescriptor?': ptr('v1.Descriptor'),
});
