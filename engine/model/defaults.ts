import type { ContainerConfig, HostConfig } from './docker-types.js';

/** The HostConfig Docker 20.10 stores for a container created with no flags (as inspect shows it). */
export function defaultHostConfig(): HostConfig {
  return {
    Binds: null, ContainerIDFile: '', LogConfig: { Type: 'json-file', Config: {} }, NetworkMode: 'default', PortBindings: {},
    RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, AutoRemove: false, VolumeDriver: '', VolumesFrom: null,
    CapAdd: null, CapDrop: null, CgroupnsMode: 'host', Dns: [], DnsOptions: [], DnsSearch: [], ExtraHosts: null,
    GroupAdd: null, IpcMode: 'private', Cgroup: '', Links: null, OomScoreAdj: 0, PidMode: '', Privileged: false,
    PublishAllPorts: false, ReadonlyRootfs: false, SecurityOpt: null, UTSMode: '', UsernsMode: '', ShmSize: 67108864,
    Runtime: 'runc', ConsoleSize: [0, 0], Isolation: '', CpuShares: 0, Memory: 0, NanoCpus: 0, CgroupParent: '',
    BlkioWeight: 0, BlkioWeightDevice: [], BlkioDeviceReadBps: null, BlkioDeviceWriteBps: null, BlkioDeviceReadIOps: null,
    BlkioDeviceWriteIOps: null, CpuPeriod: 0, CpuQuota: 0, CpuRealtimePeriod: 0, CpuRealtimeRuntime: 0, CpusetCpus: '',
    CpusetMems: '', Devices: [], DeviceCgroupRules: null, DeviceRequests: null, KernelMemory: 0, KernelMemoryTCP: 0,
    MemoryReservation: 0, MemorySwap: 0, MemorySwappiness: null, OomKillDisable: false, PidsLimit: null, Ulimits: null,
    CpuCount: 0, CpuPercent: 0, IOMaximumIOps: 0, IOMaximumBandwidth: 0,
    MaskedPaths: ['/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list',
      '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware'],
    ReadonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
  };
}

export function emptyContainerConfig(): ContainerConfig {
  return {
    Hostname: '', Domainname: '', User: '', AttachStdin: false, AttachStdout: false, AttachStderr: false, Tty: false,
    OpenStdin: false, StdinOnce: false, Env: null, Cmd: null, Image: '', Volumes: null, WorkingDir: '', Entrypoint: null,
    OnBuild: null, Labels: {},
  };
}
