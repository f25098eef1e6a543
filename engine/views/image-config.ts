// The container config as Docker marshals it inside image documents and inspect output: struct field
// order, omitempty fields left out, maps with sorted keys.
import type { ContainerConfig, ImageRuntimeConfig } from '../model/docker-types.js';

// docker parity: moby api/types/container/config.go field order and omitempty flags.
export function containerConfigJson(c: Partial<ContainerConfig> | ImageRuntimeConfig): Record<string, unknown> {
  const o: Record<string, unknown> = {
    Hostname: c.Hostname ?? '', Domainname: c.Domainname ?? '', User: c.User ?? '',
    AttachStdin: c.AttachStdin ?? false, AttachStdout: c.AttachStdout ?? false, AttachStderr: c.AttachStderr ?? false,
  };
  if (c.ExposedPorts && Object.keys(c.ExposedPorts).length) o.ExposedPorts = sortKeys(c.ExposedPorts);
  Object.assign(o, { Tty: c.Tty ?? false, OpenStdin: c.OpenStdin ?? false, StdinOnce: c.StdinOnce ?? false, Env: c.Env ?? null, Cmd: c.Cmd ?? null });
  if (c.Healthcheck) o.Healthcheck = c.Healthcheck;
  if (c.ArgsEscaped) o.ArgsEscaped = true;
  Object.assign(o, { Image: c.Image ?? '', Volumes: c.Volumes && Object.keys(c.Volumes).length ? sortKeys(c.Volumes) : null, WorkingDir: c.WorkingDir ?? '', Entrypoint: c.Entrypoint ?? null });
  if (c.NetworkDisabled) o.NetworkDisabled = true;
  if (c.MacAddress) o.MacAddress = c.MacAddress;
  Object.assign(o, { OnBuild: c.OnBuild ?? null, Labels: c.Labels === undefined ? null : c.Labels === null ? null : sortKeys(c.Labels) });
  if (c.StopSignal) o.StopSignal = c.StopSignal;
  if (c.StopTimeout !== undefined && c.StopTimeout !== null) o.StopTimeout = c.StopTimeout;
  if (c.Shell && (c.Shell as string[]).length) o.Shell = c.Shell;
  return o;
}

export function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

