// The Docker Engine API's own shapes (API v1.41+), used as skiff's container configuration so the CLI,
// the REST API and inspect all speak one language. Field names are Docker's; only the fields skiff
// understands are typed, and unknown fields are carried through untouched.

export interface PortMap {
  [containerPortProto: string]: Array<{ HostIp: string; HostPort: string }> | null;
}

export interface ContainerConfig {
  Hostname: string;
  Domainname: string;
  User: string;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  ExposedPorts?: Record<string, Record<string, never>>;
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce: boolean;
  Env: string[] | null;
  Cmd: string[] | null;
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number };
  Image: string;
  Volumes: Record<string, Record<string, never>> | null;
  WorkingDir: string;
  Entrypoint: string[] | null;
  OnBuild: string[] | null;
  Labels: Record<string, string>;
  StopSignal?: string;
  StopTimeout?: number;
  [extra: string]: unknown;
}

export interface Ulimit { Name: string; Soft: number; Hard: number }

export interface MountSpec {
  Type: 'bind' | 'volume' | 'tmpfs' | 'npipe';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean };
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string>; DriverConfig?: { Name?: string; Options?: Record<string, string> } };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface RestartPolicy { Name: '' | 'no' | 'always' | 'unless-stopped' | 'on-failure'; MaximumRetryCount: number }

export interface HostConfig {
  Binds: string[] | null;
  ContainerIDFile: string;
  LogConfig: { Type: string; Config: Record<string, string> };
  NetworkMode: string;
  PortBindings: PortMap;
  RestartPolicy: RestartPolicy;
  AutoRemove: boolean;
  VolumeDriver: string;
  VolumesFrom: string[] | null;
  CapAdd: string[] | null;
  CapDrop: string[] | null;
  CgroupnsMode: string;
  Dns: string[];
  DnsOptions: string[];
  DnsSearch: string[];
  ExtraHosts: string[] | null;
  GroupAdd: string[] | null;
  IpcMode: string;
  Cgroup: string;
  Links: string[] | null;
  OomScoreAdj: number;
  PidMode: string;
  Privileged: boolean;
  PublishAllPorts: boolean;
  ReadonlyRootfs: boolean;
  SecurityOpt: string[] | null;
  Tmpfs?: Record<string, string>;
  UTSMode: string;
  UsernsMode: string;
  ShmSize: number;
  Sysctls?: Record<string, string>;
  Runtime: string;
  ConsoleSize: [number, number];
  Isolation: string;
  CpuShares: number;
  Memory: number;
  NanoCpus: number;
  CgroupParent: string;
  BlkioWeight: number;
  CpuPeriod: number;
  CpuQuota: number;
  CpuRealtimePeriod: number;
  CpuRealtimeRuntime: number;
  CpusetCpus: string;
  CpusetMems: string;
  Devices: Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions: string }>;
  DeviceCgroupRules: string[] | null;
  KernelMemory: number;
  KernelMemoryTCP: number;
  MemoryReservation: number;
  MemorySwap: number;
  MemorySwappiness: number | null;
  OomKillDisable: boolean;
  PidsLimit: number | null;
  Ulimits: Ulimit[] | null;
  Init?: boolean | null;
  Mounts?: MountSpec[];
  MaskedPaths?: string[];
  ReadonlyPaths?: string[];
  [extra: string]: unknown;
}

export interface EndpointSettings {
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string } | null;
  Links?: string[] | null;
  Aliases?: string[] | null;
  NetworkID?: string;
  EndpointID?: string;
  Gateway?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  IPv6Gateway?: string;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  MacAddress?: string;
}

export interface NetworkingConfig { EndpointsConfig: Record<string, EndpointSettings> }

/** The body of POST /containers/create, which is also what the CLI builds from run/create flags. */
export interface ContainerCreateBody extends Partial<ContainerConfig> {
  Image: string;
  HostConfig?: Partial<HostConfig>;
  NetworkingConfig?: NetworkingConfig;
}

/** The image's runtime configuration (the OCI image config's `config` object, Docker-cased). */
export interface ImageRuntimeConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[] | null;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, Record<string, never>> | null;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  Healthcheck?: ContainerConfig['Healthcheck'];
  OnBuild?: string[] | null;
  Shell?: string[];
  [extra: string]: unknown;
}

/** An OCI / Docker image configuration document (the blob whose digest is the image ID). */
export interface ImageConfigDocument {
  architecture: string;
  os: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: ImageRuntimeConfig;
  container?: string;
  container_config?: ImageRuntimeConfig;
  docker_version?: string;
  comment?: string;
  rootfs: { type: 'layers'; diff_ids: string[] };
  history?: Array<{ created?: string; created_by?: string; author?: string; comment?: string; empty_layer?: boolean }>;
  [extra: string]: unknown;
}
