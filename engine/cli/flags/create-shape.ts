// The POST /containers/create body in exactly the shape docker/cli 28 sends to a 1.41 daemon: every
// field Go's encoder writes, in Go's field order, omitempty fields left out, maps with sorted keys.
// JSON.stringify of the result equals the captured request body byte for byte.
import type { HostConfig } from '../../model/docker-types.js';
import { sortKeys } from './mount-opt.js';

/** Config fields computed by the builder (undefined = Go's omitempty leaves it out). */
export interface ConfigParts {
  Hostname: string; Domainname: string; User: string;
  AttachStdin: boolean; AttachStdout: boolean; AttachStderr: boolean;
  ExposedPorts: Record<string, Record<string, never>>;
  Tty: boolean; OpenStdin: boolean; StdinOnce: boolean;
  Env: string[] | null; Cmd: string[] | null; Healthcheck?: Record<string, unknown>;
  Image: string; Volumes: Record<string, Record<string, never>>; WorkingDir: string; Entrypoint: string[] | null;
  Labels: Record<string, string>; StopSignal: string; StopTimeout?: number;
}

export function assembleConfig(c: ConfigParts): Record<string, unknown> {
  return dropUndefined({
    Hostname: c.Hostname, Domainname: c.Domainname, User: c.User,
    AttachStdin: c.AttachStdin, AttachStdout: c.AttachStdout, AttachStderr: c.AttachStderr,
    ExposedPorts: Object.keys(c.ExposedPorts).length > 0 ? sortKeys(c.ExposedPorts) : undefined,
    Tty: c.Tty, OpenStdin: c.OpenStdin, StdinOnce: c.StdinOnce,
    Env: c.Env, Cmd: c.Cmd, Healthcheck: c.Healthcheck,
    Image: c.Image, Volumes: sortKeys(c.Volumes), WorkingDir: c.WorkingDir, Entrypoint: c.Entrypoint,
    OnBuild: null, Labels: sortKeys(c.Labels),
    StopSignal: c.StopSignal || undefined, StopTimeout: c.StopTimeout,
  });
}

/** HostConfig fields outside Resources, as computed by the builder. */
export interface HostParts {
  Binds: string[] | null; ContainerIDFile: string; LogConfig: { Type: string; Config: Record<string, string> };
  NetworkMode: string; PortBindings: Record<string, unknown>; RestartPolicy: { Name: string; MaximumRetryCount: number };
  AutoRemove: boolean; VolumeDriver: string; VolumesFrom: string[] | null; ConsoleSize: [number, number];
  CapAdd: string[] | null; CapDrop: string[] | null; CgroupnsMode: string; Dns: string[]; DnsOptions: string[]; DnsSearch: string[];
  ExtraHosts: string[] | null; GroupAdd: string[] | null; IpcMode: string; Links: string[] | null; OomScoreAdj: number;
  PidMode: string; Privileged: boolean; PublishAllPorts: boolean; ReadonlyRootfs: boolean; SecurityOpt: string[] | null;
  StorageOpt: Record<string, string>; Tmpfs: Record<string, string>; UTSMode: string; UsernsMode: string; ShmSize: number;
  Sysctls: Record<string, string>; Runtime: string; Isolation: string;
  Mounts?: Array<Record<string, unknown>>; MaskedPaths?: string[]; ReadonlyPaths?: string[]; Init?: boolean;
}

const mapOrOmit = (m: Record<string, string>) => (Object.keys(m).length > 0 ? sortKeys(m) : undefined);

export function assembleHostConfig(h: HostParts, resources: Record<string, unknown>): Partial<HostConfig> {
  return dropUndefined({
    Binds: h.Binds, ContainerIDFile: h.ContainerIDFile, LogConfig: { Type: h.LogConfig.Type, Config: sortKeys(h.LogConfig.Config) },
    NetworkMode: h.NetworkMode, PortBindings: sortKeys(h.PortBindings), RestartPolicy: h.RestartPolicy,
    AutoRemove: h.AutoRemove, VolumeDriver: h.VolumeDriver, VolumesFrom: h.VolumesFrom, ConsoleSize: h.ConsoleSize,
    CapAdd: h.CapAdd, CapDrop: h.CapDrop, CgroupnsMode: h.CgroupnsMode,
    Dns: h.Dns, DnsOptions: h.DnsOptions, DnsSearch: h.DnsSearch, ExtraHosts: h.ExtraHosts, GroupAdd: h.GroupAdd,
    IpcMode: h.IpcMode, Cgroup: '', Links: h.Links, OomScoreAdj: h.OomScoreAdj, PidMode: h.PidMode,
    Privileged: h.Privileged, PublishAllPorts: h.PublishAllPorts, ReadonlyRootfs: h.ReadonlyRootfs, SecurityOpt: h.SecurityOpt,
    StorageOpt: mapOrOmit(h.StorageOpt), Tmpfs: mapOrOmit(h.Tmpfs), UTSMode: h.UTSMode, UsernsMode: h.UsernsMode,
    ShmSize: h.ShmSize, Sysctls: mapOrOmit(h.Sysctls), Runtime: h.Runtime || undefined, Isolation: h.Isolation,
    ...resources,
    Mounts: h.Mounts, MaskedPaths: h.MaskedPaths ?? null, ReadonlyPaths: h.ReadonlyPaths ?? null, Init: h.Init,
  }) as Partial<HostConfig>;
}

/** Removes undefined-valued keys (Go's omitempty), keeping the order of the rest. */
export function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
