import type { Engine } from '../../context.js';
import { EngineError, invalidArgument, isEngineError } from '../../errors.js';
import { initialState, type ContainerRecord } from '../../model/container.js';
import { defaultHostConfig } from '../../model/defaults.js';
import type { ContainerCreateBody, HostConfig, ImageConfigDocument } from '../../model/docker-types.js';
import { formatPlatform, matchRank, normalizePlatform, type Platform } from '../../registry/platform.js';
import { nameConflict } from '../../state/sqlite-store.js';
import { failpoint } from '../../sys/failpoint.js';
import { cgroupVersion, hostResources, pathExists } from '../../sys/host-facts.js';
import { generateId } from '../../sys/ids.js';
import { rfc3339Nano } from '../../views/time.js';
import { resolveImage } from '../images/resolve.js';
import { adaptSettings, applyDaemonDefaults } from './adapt-settings.js';
import { mergeWithImage, pathAndArgs } from './merge-config.js';
import { generateName, validateName } from './names.js';
import { checkMountPoints, validateCreateBody, type DaemonCheckEnv } from './validate/create-body.js';
import { clearCreating, markCreating, sweepOrphans } from './orphans.js';
import { registerMountPoints } from '../volumes/mount-points.js';
import { setUpVolumesOnCreate } from '../volumes/populate.js';
import { removeIfUnused } from '../volumes/remove.js';
import { containerNetworkNames } from '../../network/endpoints.js';
import { registerLinks } from './links.js';
import { recordContainerEvent } from '../events/emit.js';

export interface CreateOptions {
  name?: string; body: ContainerCreateBody;
  /** The API's ?platform=: the image found must be of that platform. */
  platform?: Platform;
}
export interface CreateReport { Id: string; Warnings: string[] }

const hostChecks = (): DaemonCheckEnv => ({ host: hostResources(), pathExists });

/**
 * Validate (in moby's order: settings, image, command, name, mount points), lay down the container's
 * writable layer, then record it; a failure leaves nothing behind. `checks` injects the host facts.
 */
export async function createContainer(engine: Engine, opts: CreateOptions, checks: DaemonCheckEnv = hostChecks()): Promise<CreateReport> {
  const { warnings } = validateCreateBody(opts.body, checks);
  const image = resolveImage(engine, opts.body.Image);
  if (opts.platform) checkImagePlatform(opts.body.Image, image.Config, opts.platform);
  const id = generateId();
  const config = mergeWithImage(opts.body, image.Config.config, id);
  checkCommand(config.Cmd, config.Entrypoint);
  const name = opts.name ? validateName(opts.name) : generateName(engine.state);
  const taken = engine.state.containerIdForName(name);
  if (taken) throw nameConflict(name, taken);
  const hostConfig: HostConfig = { ...defaultHostConfig(), ...stripUndefined(opts.body.HostConfig ?? {}) } as HostConfig;
  checkMountPoints(hostConfig);
  registerLinks(engine, hostConfig, name);
  adaptSettings(config, hostConfig, checks, opts.body.Hostname);
  applyDaemonDefaults(hostConfig, { cgroupVersion: cgroupVersion() });
  warnings.push(...rootlessWarnings(engine, hostConfig));
  const { path, args } = pathAndArgs(config);
  const record: ContainerRecord = {
    Id: id, Name: name, Created: rfc3339Nano(engine.clock()), ImageRef: opts.body.Image, ImageId: image.Id, Path: path, Args: args,
    Config: { ...config, Image: opts.body.Image }, HostConfig: hostConfig,
    NetworkingConfig: opts.body.NetworkingConfig ?? { EndpointsConfig: {} }, State: initialState(),
    Driver: engine.storage.driver, LayerId: id,
  };
  record.AttachedNetworks = containerNetworkNames(record);
  await sweepOrphans(engine);
  markCreating(engine, id);
  let volumes: string[] = [];
  try {
    await engine.storage.createContainerLayer(id, image.Layers);
    failpoint('create-after-layer');
    // Volumes are recorded with the container, so no `volume rm` can take one in between.
    engine.state.transaction(() => {
      const reg = registerMountPoints(engine, hostConfig, config.Volumes);
      volumes = reg.createdVolumes;
      record.MountPoints = reg.mountPoints;
      engine.state.insertContainer(record);
    });
    await setUpVolumesOnCreate(engine, record, volumes);
  } catch (e) {
    engine.state.transaction(() => engine.state.deleteContainer(id));
    await removeIfUnused(engine, volumes);
    await engine.storage.removeContainerLayer(id).catch(() => undefined);
    throw e;
  } finally {
    clearCreating(engine, id);
  }
  recordContainerEvent(engine, record, 'create');
  return { Id: id, Warnings: warnings };
}

// docker parity: moby@20.10 daemon/images/image.go GetImage — NotFound, so a client pulls that platform
function checkImagePlatform(ref: string, config: ImageConfigDocument, want: Platform): void {
  const actual = normalizePlatform({ os: config.os, architecture: config.architecture, variant: config.variant });
  if (matchRank(want, actual) >= 0) return;
  throw new EngineError('not-found', 'no-such-image',
    `image with reference ${ref} was found but does not match the specified platform: wanted ${formatPlatform(want)}, actual: ${formatPlatform(actual)}`);
}

// docker parity: moby daemon/create.go mergeAndVerifyConfig "No command specified"
function checkCommand(cmd: string[] | null, entrypoint: string[] | null): void {
  const argv = [...(entrypoint ?? []).filter((e) => e !== ''), ...(cmd ?? [])];
  if (argv.length === 0) throw invalidArgument('no-command', 'No command specified');
}

function rootlessWarnings(engine: Engine, hc: HostConfig): string[] {
  const warnings: string[] = [];
  // docker parity: moby daemon/create.go verifyContainerSettings (host network)
  if (hc.NetworkMode === 'host' && Object.keys(hc.PortBindings ?? {}).length > 0) warnings.push('Published ports are discarded when using host network mode');
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
