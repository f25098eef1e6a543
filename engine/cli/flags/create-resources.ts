// Resource flags of run/create (memory, CPU, pids, block IO, ulimits, devices, GPUs) as the
// container.Resources part of HostConfig, following docker/cli opts.go parse().
import { cleanPath } from '../../util/go-path.js';
import { parseError } from './create-errors.js';
import { bool, list, num, str, type ParsedFlags } from './flag-access.js';
import type { ThrottleDevice, UlimitValue, WeightDevice } from './flag-values.js';
import type { DeviceRequest } from './network-opt.js';

export interface DeviceMapping { PathOnHost: string; PathInContainer: string; CgroupPermissions: string }

const validDeviceMode = (mode: string) => mode !== '' && [...mode].every((c, i, all) => 'rwm'.includes(c) && all.indexOf(c) === i);

// docker parity: docker/cli cli/command/container/opts.go validateLinuxPath (with validDeviceMode)
function validateLinuxPath(val: string): string {
  if ((val.match(/:/g) ?? []).length > 2) throw parseError(`bad format for path: ${val}`);
  const split = val.split(':');
  if (split[0] === '') throw parseError(`bad format for path: ${val}`);
  let containerPath: string;
  let out: string;
  if (split.length === 1) {
    containerPath = split[0]!;
    out = cleanPath(containerPath);
  } else if (split.length === 2) {
    const modeFirst = validDeviceMode(split[1]!);
    containerPath = modeFirst ? split[0]! : split[1]!;
    out = modeFirst ? `${cleanPath(containerPath)}:${split[1]}` : `${split[0]}:${cleanPath(containerPath)}`;
  } else {
    containerPath = split[1]!;
    if (!validDeviceMode(split[2]!)) throw parseError(`bad mode specified: ${split[2]}`);
    out = val;
  }
  if (!containerPath.startsWith('/')) throw parseError(`${containerPath} is not an absolute path`);
  return out;
}

// docker parity: docker/cli cli/command/container/opts.go parseLinuxDevice
function parseLinuxDevice(device: string): DeviceMapping {
  const arr = device.split(':');
  let permissions = 'rwm';
  let dst = '';
  if (arr.length > 3) throw parseError(`invalid device specification: ${device}`);
  if (arr.length === 3) permissions = arr[2]!;
  if (arr.length >= 2) {
    if (validDeviceMode(arr[1]!)) permissions = arr[1]!;
    else dst = arr[1]!;
  }
  const src = arr[0]!;
  return { PathOnHost: src, PathInContainer: dst || src, CgroupPermissions: permissions };
}

// CDI device names are "vendor.com/class=name" (tags.cncf.io/container-device-interface parser).
const CDI_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?\/[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?=[a-zA-Z0-9]([a-zA-Z0-9_.:-]*[a-zA-Z0-9])?$/;

/** Devices and the CDI device request that --device values produce. */
export function buildDevices(values: string[]): { devices: DeviceMapping[]; cdi: DeviceRequest | undefined } {
  const devices: DeviceMapping[] = [];
  const cdiNames: string[] = [];
  for (const device of values) {
    if (CDI_NAME.test(device)) { cdiNames.push(device); continue; }
    devices.push(parseLinuxDevice(validateLinuxPath(device)));
  }
  const cdi = cdiNames.length > 0 ? { Driver: 'cdi', Count: 0, DeviceIDs: cdiNames, Capabilities: null, Options: null } : undefined;
  return { devices, cdi };
}

// docker parity: docker/cli cli/command/container/opts.go parse() — swappiness range
export function checkSwappiness(p: ParsedFlags): void {
  const s = num(p, 'memory-swappiness');
  if (s !== -1 && (s < 0 || s > 100)) throw parseError(`invalid value: ${s}. Valid memory swappiness range is 0-100`);
}

/** Ulimits: one per name (the last wins), sorted by name as docker's UlimitOpt.GetList does. */
export function buildUlimits(values: UlimitValue[]): UlimitValue[] {
  const byName = new Map(values.map((u) => [u.Name, u]));
  return [...byName.values()].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

/** The container.Resources fields of HostConfig, in Go's field order. */
export function buildResources(p: ParsedFlags, devices: DeviceMapping[], deviceRequests: DeviceRequest[] | null): Record<string, unknown> {
  return {
    CpuShares: num(p, 'cpu-shares'),
    Memory: num(p, 'memory'),
    NanoCpus: num(p, 'cpus'),
    CgroupParent: str(p, 'cgroup-parent'),
    BlkioWeight: num(p, 'blkio-weight'),
    BlkioWeightDevice: list<WeightDevice>(p, 'blkio-weight-device'),
    BlkioDeviceReadBps: list<ThrottleDevice>(p, 'device-read-bps'),
    BlkioDeviceWriteBps: list<ThrottleDevice>(p, 'device-write-bps'),
    BlkioDeviceReadIOps: list<ThrottleDevice>(p, 'device-read-iops'),
    BlkioDeviceWriteIOps: list<ThrottleDevice>(p, 'device-write-iops'),
    CpuPeriod: num(p, 'cpu-period'),
    CpuQuota: num(p, 'cpu-quota'),
    CpuRealtimePeriod: num(p, 'cpu-rt-period'),
    CpuRealtimeRuntime: num(p, 'cpu-rt-runtime'),
    CpusetCpus: str(p, 'cpuset-cpus'),
    CpusetMems: str(p, 'cpuset-mems'),
    Devices: devices,
    DeviceCgroupRules: nilIfEmpty(list(p, 'device-cgroup-rule')),
    DeviceRequests: deviceRequests,
    KernelMemory: num(p, 'kernel-memory') || undefined,
    MemoryReservation: num(p, 'memory-reservation'),
    MemorySwap: num(p, 'memory-swap'),
    MemorySwappiness: p.changed.has('memory-swappiness') ? num(p, 'memory-swappiness') : -1,
    OomKillDisable: bool(p, 'oom-kill-disable'),
    PidsLimit: num(p, 'pids-limit'),
    Ulimits: buildUlimits(list<UlimitValue>(p, 'ulimit')),
    CpuCount: num(p, 'cpu-count'),
    CpuPercent: num(p, 'cpu-percent'),
    IOMaximumIOps: num(p, 'io-maxiops'),
    IOMaximumBandwidth: num(p, 'io-maxbandwidth'),
  };
}

/** Go's nil slice for an empty list (encoded as null). */
export const nilIfEmpty = <T>(xs: T[]): T[] | null => (xs.length > 0 ? xs : null);
