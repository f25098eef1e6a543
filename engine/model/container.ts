import type { ContainerConfig, HostConfig, NetworkingConfig } from './docker-types.js';
import type { MountPoint } from './volume.js';

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** Mutable runtime state; Docker's State object plus what the monitor needs. Times are RFC 3339 strings. */
export interface ContainerState {
  Status: ContainerStatus;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
  OOMKilled: boolean;
  /** The daemonized conmon watching this container, 0 when none. */
  ConmonPid: number;
  /** Incremented each time the container is started; guards against a stale exit file. */
  StartCount: number;
  RestartCount: number;
}

/** Immutable after create (apart from name, labels-free updates of HostConfig resources by `update`). */
export interface ContainerRecord {
  Id: string;
  /** Without the leading slash. */
  Name: string;
  Created: string;
  /** The image reference as the user gave it (Docker's Config.Image). */
  ImageRef: string;
  /** sha256:… */
  ImageId: string;
  Path: string;
  Args: string[];
  Config: ContainerConfig;
  HostConfig: HostConfig;
  NetworkingConfig: NetworkingConfig;
  State: ContainerState;
  /** Storage driver name ("overlay" or "vfs") and the container layer's id. */
  Driver: string;
  LayerId: string;
  /** Volumes, binds and --mount tmpfs as resolved at create (volumes created then); absent on old records. */
  MountPoints?: MountPoint[];
  /** The networks it is attached to, by name, in order (create, then `network connect`/`disconnect`). */
  AttachedNetworks?: string[];
}

export const initialState = (): ContainerState => ({
  Status: 'created',
  Pid: 0,
  ExitCode: 0,
  Error: '',
  StartedAt: '0001-01-01T00:00:00Z',
  FinishedAt: '0001-01-01T00:00:00Z',
  OOMKilled: false,
  ConmonPid: 0,
  StartCount: 0,
  RestartCount: 0,
});

export const isActive = (s: ContainerState) => s.Status === 'running' || s.Status === 'paused' || s.Status === 'restarting';
