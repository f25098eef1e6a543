import type { ContainerConfig, ContainerCreateBody, ImageRuntimeConfig } from '../../model/docker-types.js';
import { emptyContainerConfig } from '../../model/defaults.js';

const envKey = (kv: string) => kv.split('=', 1)[0]!;

/** The container's env first, then the image's entries it does not set (moby daemon/commit.go merge). */
export function mergeEnv(base: string[] | null | undefined, overrides: string[] | null | undefined): string[] {
  const user = overrides ?? [];
  const keys = new Set(user.map(envKey));
  return [...user, ...(base ?? []).filter((kv) => !keys.has(envKey(kv)))];
}

// docker parity: moby daemon/commit.go merge() — the image's config fills what the user left empty.
export function mergeWithImage(body: ContainerCreateBody, image: ImageRuntimeConfig | undefined, id: string): ContainerConfig {
  const img = image ?? {};
  const { HostConfig: _h, NetworkingConfig: _n, ...user } = body;
  const cfg: ContainerConfig = { ...emptyContainerConfig(), ...user } as ContainerConfig;
  cfg.Hostname = user.Hostname || id.slice(0, 12);
  cfg.Env = mergeEnv(img.Env, user.Env);
  const userEntrypoint = user.Entrypoint ?? null;
  if (userEntrypoint === null || userEntrypoint.length === 0) {
    if (!user.Cmd || user.Cmd.length === 0) cfg.Cmd = img.Cmd ?? null;
    if (userEntrypoint === null) cfg.Entrypoint = img.Entrypoint ?? null;
  }
  cfg.WorkingDir = user.WorkingDir || img.WorkingDir || '';
  cfg.User = user.User || img.User || '';
  cfg.Labels = { ...(img.Labels ?? {}), ...(user.Labels ?? {}) };
  if (img.ExposedPorts || user.ExposedPorts) cfg.ExposedPorts = { ...(img.ExposedPorts ?? {}), ...(user.ExposedPorts ?? {}) };
  // An empty volume set is stored as none (the CLI always sends `{}`).
  const volumes = { ...(img.Volumes ?? {}), ...(user.Volumes ?? {}) };
  cfg.Volumes = Object.keys(volumes).length > 0 ? volumes : null;
  cfg.StopSignal = user.StopSignal || img.StopSignal || undefined;
  if (!cfg.StopSignal) delete cfg.StopSignal;
  if (!user.Healthcheck && img.Healthcheck) cfg.Healthcheck = img.Healthcheck;
  cfg.OnBuild = user.OnBuild ?? null;
  return cfg;
}

/** Path and Args as Docker reports them: the entrypoint (or the command) split into program and arguments. */
export function pathAndArgs(cfg: ContainerConfig): { path: string; args: string[] } {
  const entry = (cfg.Entrypoint ?? []).filter((_, i, a) => !(a.length === 1 && a[0] === ''));
  const argv = [...entry, ...(cfg.Cmd ?? [])];
  return { path: argv[0] ?? '', args: argv.slice(1) };
}
