// `docker rmi` / DELETE /images/{name}: moby 20.10's ImageDelete. A name untags (and deletes the
// image once nothing references it); an id deletes, refusing when tagged in several repositories or
// used by a container unless forced (running containers and child images always refuse).
import type { Engine } from '../../context.js';
import { conflict } from '../../errors.js';
import { familiarize, parseNormalizedNamed, parseStored, referenceString, repositoryName, withDefaultTag } from '../../images/reference.js';
import { isActive } from '../../model/container.js';
import { containerLayerRefs } from '../../storage/index.js';
import { shortId } from '../../sys/ids.js';
import { isIdPrefix, resolveImage } from './resolve.js';
import { childrenOf, imageStorage } from './store.js';
import { recordImageEvent } from '../events/emit.js';

export interface RemoveOptions { ref: string; force?: boolean; noPrune?: boolean }
export interface DeleteItem { Untagged?: string; Deleted?: string }

type Conflict = { hard: boolean; used: boolean; message: string };
const HARD = { children: true, running: true };

const refsOf = (engine: Engine, id: string) => { const img = engine.state.getImage(id); return img ? [...img.RepoTags, ...img.RepoDigests].sort() : []; };
const isCanonical = (r: string) => r.includes('@');

/** All references are in one repository with at most one tag (moby isSingleReference). */
function isSingleReference(refs: string[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  const tags = refs.filter((r) => !isCanonical(r));
  if (tags.length > 1) return false;
  const repos = new Set(refs.filter(isCanonical).map((r) => repositoryName(parseStored(r))));
  const single = tags[0] ?? refs[0]!;
  return repos.size === 1 && repos.has(repositoryName(parseStored(single)));
}

export async function removeImage(engine: Engine, opts: RemoveOptions): Promise<DeleteItem[]> {
  const img = resolveImage(engine, opts.ref);
  const records: DeleteItem[] = [];
  const prune = !opts.noPrune;
  let quiet = false;
  if (!isIdPrefix(img.Id, opts.ref)) {
    if (!opts.force && isSingleReference(refsOf(engine, img.Id))) {
      const user = engine.state.listContainers().find((c) => c.ImageId === img.Id);
      // docker parity: moby daemon/images/image_delete.go
      if (user) throw conflict('image-in-use', `conflict: unable to remove repository reference "${opts.ref}" (must force) - container ${shortId(user.Id)} is using its referenced image ${shortId(img.Id)}`);
    }
    const parsed = withDefaultTag(parseNormalizedNamed(opts.ref));
    records.push({ Untagged: untag(engine, parsed.digest ? `${repositoryName(parsed)}@${parsed.digest}` : referenceString(parsed)) });
    if (!parsed.digest) {
      const repo = repositoryName(parsed);
      const left = refsOf(engine, img.Id);
      if (!left.some((r) => !isCanonical(r) && repositoryName(parseStored(r)) === repo)) {
        for (const r of left.filter((x) => isCanonical(x) && repositoryName(parseStored(x)) === repo)) records.push({ Untagged: untag(engine, r, false) });
      }
    }
    if (refsOf(engine, img.Id).length > 0) return records;
    quiet = true;
  } else if (isSingleReference(refsOf(engine, img.Id))) {
    const c = checkConflict(engine, img.Id, { ...HARD, stopped: !opts.force });
    if (c) throw conflictError(img.Id, c);
    for (const r of refsOf(engine, img.Id)) records.push({ Untagged: untag(engine, r) });
  }
  await deleteHelper(engine, img.Id, records, !!opts.force, prune, quiet);
  return records;
}

/** `log` false: moby drops the digest references left behind by a tag without an event. */
function untag(engine: Engine, stored: string, log = true): string {
  const id = (isCanonical(stored) ? engine.state.imageIdForDigest(stored) : engine.state.imageIdForTag(stored)) ?? '';
  if (isCanonical(stored)) engine.state.removeRepoDigest(stored);
  else engine.state.removeTag(stored);
  // docker parity: moby daemon/images/image_delete.go names untag and delete events by the image id
  if (id && log) recordImageEvent(engine, 'untag', id, id);
  return familiarize(stored);
}

function checkConflict(engine: Engine, id: string, mask: { children?: boolean; running?: boolean; references?: boolean; stopped?: boolean }): Conflict | undefined {
  if (mask.children && childrenOf(engine, id).length > 0) return { hard: true, used: false, message: 'image has dependent child images' };
  const users = engine.state.listContainers().filter((c) => c.ImageId === id);
  const running = users.find((c) => isActive(c.State));
  if (mask.running && running) return { hard: true, used: true, message: `image is being used by running container ${shortId(running.Id)}` };
  if (mask.references && refsOf(engine, id).length > 0) return { hard: false, used: false, message: 'image is referenced in multiple repositories' };
  const stopped = users.find((c) => !isActive(c.State));
  if (mask.stopped && stopped) return { hard: false, used: true, message: `image is being used by stopped container ${shortId(stopped.Id)}` };
  return undefined;
}

const conflictError = (id: string, c: Conflict) => conflict('image-conflict', `conflict: unable to delete ${shortId(id)} (${c.hard ? 'cannot be forced' : 'must be forced'}) - ${c.message}`);

async function deleteHelper(engine: Engine, id: string, records: DeleteItem[], force: boolean, prune: boolean, quiet: boolean): Promise<void> {
  const c = checkConflict(engine, id, force ? HARD : { ...HARD, references: true, stopped: true });
  if (c) {
    const dangling = refsOf(engine, id).length === 0 && childrenOf(engine, id).length === 0;
    if (quiet && (!dangling || c.used)) return;
    throw conflictError(id, c);
  }
  const img = engine.state.getImage(id)!;
  for (const r of refsOf(engine, id)) records.push({ Untagged: untag(engine, r) });
  engine.state.deleteImage(id);
  recordImageEvent(engine, 'delete', id, id);
  records.push({ Deleted: id });
  for (const chain of await releaseLayers(engine, img.Layers)) records.push({ Deleted: chain });
  if (!engine.state.listImages().some((i) => i.Id === id)) imageStorage(engine).blobs.delete(id);
  if (prune && img.Parent) await deleteHelper(engine, img.Parent, records, false, true, true);
}

/** Remove the image's layers that no other image or container stands on; top first, as Docker reports. */
export async function releaseLayers(engine: Engine, chain: string[]): Promise<string[]> {
  const inUse = new Set([...engine.state.listImages().flatMap((i) => i.Layers), ...containerLayerRefs(engine.config.paths.containers)]);
  const removed: string[] = [];
  for (const c of [...chain].reverse()) {
    if (inUse.has(c)) break; // lower layers are used by whoever uses this one
    await imageStorage(engine).layers.remove(c);
    removed.push(c);
  }
  return removed;
}
