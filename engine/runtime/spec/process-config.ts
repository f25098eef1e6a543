// How Docker turns a container's Config (plus its image's config) into the process it runs: the merge done
// at create time, Path/Args from Entrypoint + Cmd, and the environment with PATH/HOSTNAME/TERM defaults.
import { invalidArgument } from '../../errors.js';
import type { ContainerConfig, ImageRuntimeConfig } from '../../model/docker-types.js';

// docker parity: moby pkg/system/path.go DefaultPathEnv (linux)
export const DEFAULT_PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const envKey = (e: string) => e.split('=', 1)[0]!;

/** Image env entries are appended unless the container sets the same key (moby daemon/commit.go merge). */
function mergeEnv(user: readonly string[] | null, image: readonly string[] | null | undefined): string[] | null {
  if (!user || user.length === 0) return image ? [...image] : user ? [...user] : null;
  const keys = new Set(user.map(envKey));
  return [...user, ...(image ?? []).filter((e) => !keys.has(envKey(e)))];
}

/**
 * The create-time merge of the image config into the container config, for the fields the process needs
 * (moby daemon/commit.go merge plus mergeAndVerifyConfig). Idempotent: a merged config passes unchanged.
 */
export function mergeImageConfig(config: ContainerConfig, image: ImageRuntimeConfig | undefined): ContainerConfig {
  const out: ContainerConfig = { ...config };
  if (image) {
    if (!out.User) out.User = image.User ?? '';
    out.Env = mergeEnv(out.Env, image.Env);
    if (!out.Entrypoint || out.Entrypoint.length === 0) {
      if (!out.Cmd || out.Cmd.length === 0) out.Cmd = image.Cmd ?? null;
      // Only a missing entrypoint inherits the image's; `--entrypoint ""` arrives as [""] and clears it.
      if (out.Entrypoint === null || out.Entrypoint === undefined) out.Entrypoint = image.Entrypoint ?? null;
    }
    if (!out.WorkingDir) out.WorkingDir = image.WorkingDir ?? '';
    if (!out.StopSignal && image.StopSignal) out.StopSignal = image.StopSignal;
  }
  // docker parity: moby daemon/create.go mergeAndVerifyConfig "Reset the Entrypoint if it is [""]"
  if (out.Entrypoint?.length === 1 && out.Entrypoint[0] === '') out.Entrypoint = null;
  return out;
}

/** Docker's Path and Args: the entrypoint's first word, then the rest of the entrypoint and the command. */
export function commandFor(config: Pick<ContainerConfig, 'Entrypoint' | 'Cmd'>): { path: string; args: string[] } {
  const argv = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  // docker parity: moby daemon/create.go mergeAndVerifyConfig
  if ((config.Entrypoint ?? []).length === 0 && (config.Cmd ?? []).length === 0) {
    throw invalidArgument('no-command', 'No command specified');
  }
  return { path: argv[0]!, args: argv.slice(1) };
}

/**
 * Overrides replace entries with the same key in place, new keys are appended, and a bare `KEY` (no `=`)
 * removes KEY (moby container/env.go ReplaceOrAppendEnvValues).
 */
export function replaceOrAppendEnv(defaults: readonly string[], overrides: readonly string[]): string[] {
  const out: Array<string | undefined> = [...defaults];
  const index = new Map(defaults.map((e, i) => [envKey(e), i] as const));
  for (const value of overrides) {
    const at = index.get(envKey(value));
    if (!value.includes('=')) {
      if (at !== undefined) out[at] = undefined;
    } else if (at !== undefined) {
      out[at] = value;
    } else {
      out.push(value);
    }
  }
  return out.filter((e): e is string => e !== undefined);
}

/** PATH, HOSTNAME and (with a tty) TERM=xterm, then the container's env (moby CreateDaemonEnvironment). */
export function buildProcessEnv(env: readonly string[] | null, hostname: string, tty: boolean): string[] {
  const base = [DEFAULT_PATH_ENV, `HOSTNAME=${hostname}`, ...(tty ? ['TERM=xterm'] : [])];
  return replaceOrAppendEnv(base, env ?? []);
}

/** The working directory must be absolute; empty means `/` (moby daemon/oci_linux.go WithCommonOptions). */
export function processCwd(workingDir: string | undefined): string {
  if (!workingDir) return '/';
  if (!workingDir.startsWith('/')) {
    // docker parity: moby daemon/container.go verifyContainerSettings
    throw invalidArgument('relative-workdir', `the working directory '${workingDir}' is invalid, it needs to be an absolute path`);
  }
  return normalizePath(workingDir);
}

/** filepath.Clean for absolute paths: collapse `//`, `.` and `..`. */
export function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}
