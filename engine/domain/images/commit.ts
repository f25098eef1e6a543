// `docker commit`: the container's writable layer becomes a new layer on its image; the new config is
// the container's config with --change applied and the image's merged in (moby 20.10 daemon/commit.go).
import type { Engine } from '../../context.js';
import { conflict, invalidArgument } from '../../errors.js';
import { familiarString, parseNormalizedNamed, referenceString, withDefaultTag } from '../../images/reference.js';
import type { ContainerRecord } from '../../model/container.js';
import type { ImageConfigDocument, ImageRuntimeConfig } from '../../model/docker-types.js';
import { rfc3339Nano } from '../../views/time.js';
import { setPaused } from '../containers/pause.js';
import { applyChanges } from './change-commands.js';
import { containerConfigJson, historyEntry, imageConfigBytes } from './config-doc.js';
import { imageStorage, recordImage, ZERO_TIME } from './store.js';
import { recordContainerEvent, recordImageEvent } from '../events/emit.js';

export interface CommitOptions {
  container: ContainerRecord;
  /** REPOSITORY[:TAG] for the new image. */
  reference?: string;
  changes?: string[];
  message?: string;
  author?: string;
  /** Pause a running container while its layer is read (docker's default). */
  pause?: boolean;
  /** The new image's config before --change and the merge (the API's body); default the container's. */
  config?: ImageRuntimeConfig;
}

export interface CommitReport { id: string }

export async function commitContainer(engine: Engine, opts: CommitOptions): Promise<CommitReport> {
  const c = opts.container;
  const ref = opts.reference ? parseNormalizedNamed(opts.reference) : undefined;
  if (ref?.digest) throw invalidArgument('tag-digest', 'refusing to create a tag with a digest reference');
  if (c.State.Status === 'dead') throw conflict('container-dead', `You cannot commit container ${c.Id} which is Dead`);
  if (c.State.Status === 'removing') throw conflict('container-removing', `You cannot commit container ${c.Id} which is being removed`);
  const image = engine.state.getImage(c.ImageId);
  if (!image) throw invalidArgument('image-gone', `image ${c.ImageId} of container ${c.Id} no longer exists`);
  const containerConfig = c.Config as unknown as ImageRuntimeConfig;
  const config = mergeImageConfig(applyChanges(opts.config ?? containerConfig, opts.changes ?? []), containerConfig);
  const pause = opts.pause !== false && c.State.Status === 'running';
  if (pause) await setPaused(engine, { ref: c.Id, paused: true });
  let layer;
  try {
    layer = await imageStorage(engine).layers.create(image.Layers[image.Layers.length - 1] ?? '', await engine.storage.diffTar(c.Id));
  } finally {
    if (pause) await setPaused(engine, { ref: c.Id, paused: false });
  }
  const created = rfc3339Nano(engine.clock());
  const doc = buildDoc(image.Config, c, config, { created, author: opts.author, comment: opts.message, diffId: layer.DiffId });
  const id = await imageStorage(engine).blobs.putBytes(imageConfigBytes(doc));
  const layers = [...image.Layers.map((l) => imageStorage(engine).layers.get(l)!), layer];
  engine.state.transaction(() => {
    recordImage(engine, id, doc, layers, { parent: image.Id, lastTagTime: ref ? rfc3339Nano(engine.clock()) : ZERO_TIME });
    if (ref) engine.state.setTag(referenceString(withDefaultTag(ref)), id);
  });
  const imageRef = ref ? familiarString(withDefaultTag(ref)) : '';
  if (ref) recordImageEvent(engine, 'tag', id, imageRef);
  recordContainerEvent(engine, c, 'commit', { comment: opts.message ?? '', imageID: id, imageRef });
  return { id };
}

function buildDoc(base: ImageConfigDocument, c: ContainerRecord, config: ImageRuntimeConfig, o: { created: string; author?: string; comment?: string; diffId: string }): ImageConfigDocument {
  const createdBy = (c.Config.Cmd ?? []).join(' ');
  return {
    architecture: base.architecture, ...(o.author ? { author: o.author } : {}), ...(o.comment ? { comment: o.comment } : {}),
    config: containerConfigJson(config), container: c.Id, container_config: containerConfigJson(c.Config), created: o.created,
    history: [...(base.history ?? []), historyEntry({ created: o.created, author: o.author, created_by: createdBy, comment: o.comment })],
    os: base.os, rootfs: { type: 'layers', diff_ids: [...base.rootfs.diff_ids, o.diffId] },
    ...(base.variant ? { variant: base.variant } : {}),
  };
}

// docker parity: moby daemon/commit.go merge(userConf, imageConf)
export function mergeImageConfig(user: ImageRuntimeConfig, image: ImageRuntimeConfig): ImageRuntimeConfig {
  const u: ImageRuntimeConfig = { ...user };
  if (!u.User) u.User = image.User;
  if (!u.ExposedPorts || Object.keys(u.ExposedPorts).length === 0) u.ExposedPorts = image.ExposedPorts;
  else u.ExposedPorts = { ...image.ExposedPorts, ...u.ExposedPorts };
  if (!u.Env?.length) u.Env = image.Env;
  else u.Env = [...u.Env, ...(image.Env ?? []).filter((e) => !u.Env!.some((x) => x.split('=')[0] === e.split('=')[0]))];
  u.Labels = { ...(image.Labels ?? {}), ...(u.Labels ?? {}) };
  if (!u.Entrypoint?.length) {
    if (!u.Cmd?.length) u.Cmd = image.Cmd;
    if (u.Entrypoint === null || u.Entrypoint === undefined) u.Entrypoint = image.Entrypoint;
  }
  if (!u.WorkingDir) u.WorkingDir = image.WorkingDir;
  if (!u.Volumes || Object.keys(u.Volumes).length === 0) u.Volumes = image.Volumes;
  else u.Volumes = { ...u.Volumes, ...image.Volumes };
  if (!u.StopSignal) u.StopSignal = image.StopSignal;
  return u;
}
