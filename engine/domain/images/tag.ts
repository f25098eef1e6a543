// `docker tag SOURCE TARGET`: the target is normalised (default tag latest), may not carry a digest,
// and moves if it pointed at another image. Tagging stamps the image's LastTagTime.
import type { Engine } from '../../context.js';
import { invalidArgument } from '../../errors.js';
import { familiarize, familiarName, parseNormalizedNamed, referenceString, withDefaultTag } from '../../images/reference.js';
import { rfc3339Nano } from '../../views/time.js';
import { resolveImage } from './resolve.js';
import { recordImageEvent } from '../events/emit.js';

export interface TagOptions { source: string; target: string }
export interface TagReport { id: string; tag: string }

/** Validate the target first (the docker CLI does, before asking the daemon). */
export function parseTagTarget(target: string): string {
  const ref = parseNormalizedNamed(target);
  // docker parity: docker/cli client/image_tag.go
  if (ref.digest) throw invalidArgument('tag-digest', 'refusing to create a tag with a digest reference');
  return referenceString(withDefaultTag(ref));
}

export function tagImage(engine: Engine, opts: TagOptions): TagReport {
  const tag = parseTagTarget(opts.target);
  // docker parity: moby reference/store.go addReference
  if (familiarName(parseNormalizedNamed(tag)) === 'sha256') throw invalidArgument('tag-ambiguous', 'refusing to create an ambiguous tag using digest algorithm as name');
  return engine.state.transaction(() => {
    const img = resolveImage(engine, opts.source);
    engine.state.setTag(tag, img.Id);
    const { RepoTags: _t, RepoDigests: _d, ...rec } = img;
    engine.state.putImage({ ...rec, LoadedAt: rfc3339Nano(engine.clock()) });
    recordImageEvent(engine, 'tag', img.Id, familiarize(tag));
    return { id: img.Id, tag };
  });
}
