import { join } from 'node:path';
import type { Engine } from '../context.js';
import { Runc } from './runc.js';

export const runcFor = (engine: Engine) =>
  new Runc({ path: engine.config.runtimePath, root: engine.config.paths.runcRoot, env: runtimeEnv(engine) });

/** The environment conmon and runc get: small, and enough for the exit command to find its engine. */
export function runtimeEnv(engine: Engine): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME', 'SKIFF_ROOT', 'SKIFF_RUNROOT', 'SKIFF_STORAGE_DRIVER',
    'SKIFF_LOG_LEVEL', '_SKIFF_USERNS_CONFIGURED', '_SKIFF_ROOTLESS_UID', '_SKIFF_ROOTLESS_GID', 'SKIFF_RUNTIME', 'SKIFF_CONMON'];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  env.PATH ??= '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  return env;
}

export const bundleDir = (engine: Engine, id: string) => join(engine.config.paths.bundles, id);
export const containerDir = (engine: Engine, id: string) => join(engine.config.paths.containers, id);
export const logPath = (engine: Engine, id: string) => join(containerDir(engine, id), 'ctr.log');
export const exitFile = (engine: Engine, id: string) => join(engine.config.paths.exitDir, id);
