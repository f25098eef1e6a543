import { existsSync } from 'node:fs';
import { currentIdentity } from './identity.js';
import { resolvePaths, type EnginePaths, type Identity } from './paths.js';

/** Engine configuration: built-in defaults < environment < global flags. */
export interface EngineConfig {
  identity: Identity;
  paths: EnginePaths;
  runtimePath: string;
  conmonPath: string;
  initPath: string;
  seccompProfile: string;
  /** Absolute path of the skiff entry script, for conmon's exit command. */
  selfScript: string;
  nodePath: string;
  storageDriver: 'overlay' | 'vfs' | 'auto';
  logLevel: 'error' | 'warn' | 'info' | 'debug';
}

export interface GlobalOverrides { root?: string; runroot?: string; storageDriver?: string; logLevel?: string }

const firstExisting = (...candidates: string[]) => candidates.find((p) => existsSync(p)) ?? candidates[0]!;

export function loadConfig(env: NodeJS.ProcessEnv, overrides: GlobalOverrides = {}, selfScript = process.argv[1] ?? ''): EngineConfig {
  const identity = currentIdentity(env);
  return {
    identity,
    paths: resolvePaths(identity, env, overrides),
    runtimePath: env.SKIFF_RUNTIME ?? firstExisting('/usr/sbin/runc', '/usr/bin/runc'),
    conmonPath: env.SKIFF_CONMON ?? firstExisting('/usr/bin/conmon', '/usr/libexec/podman/conmon'),
    initPath: firstExisting('/usr/bin/catatonit', '/usr/libexec/podman/catatonit'),
    seccompProfile: env.SKIFF_SECCOMP_PROFILE ?? '/usr/share/containers/seccomp.json',
    selfScript,
    nodePath: process.execPath,
    storageDriver: (overrides.storageDriver ?? env.SKIFF_STORAGE_DRIVER ?? 'auto') as EngineConfig['storageDriver'],
    logLevel: (overrides.logLevel ?? env.SKIFF_LOG_LEVEL ?? 'warn') as EngineConfig['logLevel'],
  };
}
