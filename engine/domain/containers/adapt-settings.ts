// What dockerd fills in a new container's HostConfig before storing it, so inspect shows the values
// the container really runs with (ShmSize 64MiB, IpcMode private, the default masked paths…).
import type { ContainerRecord } from '../../model/container.js';
import type { HostConfig } from '../../model/docker-types.js';
import { DOCKER_MASKED_PATHS, DOCKER_READONLY_PATHS } from '../../runtime/spec/index.js';
import { DEFAULT_SHM_SIZE } from '../../runtime/spec/mounts.js';
import { hostName } from '../../sys/host-facts.js';
import type { DaemonCheckEnv } from './validate/create-body.js';

export interface AdaptHost { cgroupVersion: 1 | 2 }

// docker parity: moby daemon/container.go newContainer (host network: the host's name) and
// daemon_unix.go adaptContainerSettings (MemorySwap defaults to twice Memory)
export function adaptSettings(config: ContainerRecord['Config'], hc: HostConfig, checks: DaemonCheckEnv, userHostname?: string): void {
  if (hc.NetworkMode === 'host' && !userHostname) config.Hostname = hostName();
  if (hc.Memory > 0 && !hc.MemorySwap) hc.MemorySwap = checks.host.swapLimit === false ? -1 : hc.Memory * 2;
}

// docker parity: moby api/server/router/container/container_routes.go postContainersCreate (PidsLimit <= 0 is
// "unlimited": nil), daemon/daemon_unix.go adaptContainerSettings (ShmSize, IpcMode, CgroupnsMode,
// OomKillDisable), daemon/create.go (default masked and read-only paths unless privileged) and
// daemon/logs.go mergeAndVerifyLogConfig (the default log driver); a MemorySwappiness of -1 means unset.
export function applyDaemonDefaults(hc: HostConfig, host: AdaptHost): void {
  if (hc.PidsLimit !== null && hc.PidsLimit !== undefined && hc.PidsLimit <= 0) hc.PidsLimit = null;
  if (hc.MemorySwappiness === -1) hc.MemorySwappiness = null;
  if (!hc.ShmSize) hc.ShmSize = DEFAULT_SHM_SIZE;
  if (!hc.IpcMode) hc.IpcMode = 'private';
  if (!hc.CgroupnsMode) hc.CgroupnsMode = host.cgroupVersion === 2 ? 'private' : 'host';
  if (hc.OomKillDisable === null || hc.OomKillDisable === undefined) hc.OomKillDisable = false;
  if (!hc.LogConfig?.Type) hc.LogConfig = { Type: 'json-file', Config: hc.LogConfig?.Config ?? {} };
  if (!hc.Privileged) {
    hc.MaskedPaths ??= [...DOCKER_MASKED_PATHS];
    hc.ReadonlyPaths ??= [...DOCKER_READONLY_PATHS];
  }
}
