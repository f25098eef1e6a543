import type { Engine } from '../../context.js';
import { EngineError, invalidArgument, isEngineError } from '../../errors.js';
import { initialState, type ContainerRecord } from '../../model/container.js';
import { defaultHostConfig } from '../../model/defaults.js';
import type { ContainerCreateBody, HostConfig } from '../../model/docker-types.js';
import { nameConflict } from '../../state/sqlite-store.js';
import { generateId } from '../../sys/ids.js';
import { rfc3339Nano } from '../../views/time.js';
import { resolveImage } from '../images/resolve.js';
import { mergeWithImage, pathAndArgs } from './merge-config.js';
import { generateName, validateName } from './names.js';

export interface CreateOptions { name?: string; body: ContainerCreateBody }
export interface CreateReport { Id: string; Warnings: string[] }

/** Validate, lay down the container's writable layer, then record it; a failure leaves nothing behind. */
export async function createContainer(engine: Engine, opts: CreateOptions): Promise<CreateReport> {
  const name = opts.name ? validateName(opts.name) : generateName(engine.state);
  const taken = engine.state.containerIdForName(name);
  if (taken) throw nameConflict(name, taken);
  const image = resolveImage(engine, opts.body.Image);
  const id = generateId();
  const config = mergeWithImage(opts.body, image.Config.config, id);
  const hostConfig: HostConfig = { ...defaultHostConfig(), ...stripUndefined(opts.body.HostConfig ?? {}) } as HostConfig;
  const warnings = validateCreate(engine, config.Cmd, config.Entrypoint, hostConfig);
  const { path, args } = pathAndArgs(config);
  const record: ContainerRecord = {
    Id: id, Name: name, Created: rfc3339Nano(engine.clock()), ImageRef: opts.body.Image, ImageId: image.Id, Path: path, Args: args,
    Config: { ...config, Image: opts.body.Image }, HostConfig: hostConfig,
    NetworkingConfig: opts.body.NetworkingConfig ?? { EndpointsConfig: {} }, State: initialState(),
    Driver: engine.storage.driver, LayerId: id,
  };
  await engine.storage.createContainerLayer(id, image.Layers);
  try {
    engine.state.insertContainer(record);
  } catch (e) {
    await engine.storage.removeContainerLayer(id).catch(() => undefined);
    throw e;
  }
  return { Id: id, Warnings: warnings };
}

function validateCreate(engine: Engine, cmd: string[] | null, entrypoint: string[] | null, hc: HostConfig): string[] {
  const argv = [...(entrypoint ?? []).filter((e) => e !== ''), ...(cmd ?? [])];
  // docker parity: moby daemon/create.go "No command specified"
  if (argv.length === 0) throw invalidArgument('no-command', 'No command specified');
  if (hc.AutoRemove && hc.RestartPolicy && hc.RestartPolicy.Name !== '' && hc.RestartPolicy.Name !== 'no') {
    throw invalidArgument('autoremove-restart', "can't create 'AutoRemove' container with restart policy");
  }
  // docker parity: moby daemon/daemon_unix.go verifyPlatformContainerResources
  if (hc.Memory > 0 && hc.Memory < 6 * 1024 * 1024) throw invalidArgument('memory-too-low', 'Minimum memory limit allowed is 6MB');
  const warnings: string[] = [];
  if (engine.config.identity.rootless && (hc.Memory || hc.NanoCpus || hc.PidsLimit || hc.CpuShares || hc.CpuQuota)) {
    // skiff differs: cgroup v1 gives an unprivileged user no cgroup to limit (Podman says the same).
    warnings.push('Resource limits are not supported and ignored on cgroups V1 rootless systems');
  }
  return warnings;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const isNotFoundImage = (e: unknown) => isEngineError(e, 'not-found') && (e as EngineError).code === 'no-such-image';
