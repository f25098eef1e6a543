// Finding an image the way moby 20.10's GetImage does: a full id or sha256:… digest, then the
// name's tag (or name@digest), then a unique id prefix of what the user typed.
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import {
  familiarString, parseAnyReference, referenceString, repositoryName, withDefaultTag, type AnyReference,
} from '../../images/reference.js';
import type { ImageRecord } from '../../model/image.js';

/** docker parity: moby daemon/images/image.go ErrImageDoesNotExist. */
export function noSuchImage(ref: AnyReference): EngineError {
  const shown = ref.kind === 'digest' ? ref.digest : familiarString(withDefaultTag(ref.ref));
  return new EngineError('not-found', 'no-such-image', `No such image: ${shown}`);
}

/** The image a reference names, or undefined. Throws a ReferenceError for malformed references. */
export function findImage(engine: Engine, input: string): ImageRecord | undefined {
  return lookup(engine, input, parseAnyReference(input));
}

function lookup(engine: Engine, input: string, ref: AnyReference): ImageRecord | undefined {
  if (ref.kind === 'digest') return engine.state.getImage(ref.digest);
  const named = ref.ref;
  const id = named.digest
    ? engine.state.imageIdForDigest(`${repositoryName(named)}@${named.digest}`)
    : engine.state.imageIdForTag(referenceString(withDefaultTag(named)));
  const byName = id ? engine.state.getImage(id) : undefined;
  return byName ?? searchIdPrefix(engine, input);
}

/** A unique image id prefix ("7cec", "sha256:7cec"); ambiguous or non-hex input matches nothing. */
export function searchIdPrefix(engine: Engine, input: string): ImageRecord | undefined {
  const hex = input.startsWith('sha256:') ? input.slice(7) : input;
  if (!/^[a-f0-9]+$/.test(hex)) return undefined;
  const matches = engine.state.listImages().filter((i) => i.Id.slice(7).startsWith(hex));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The image a reference names; not-found (code no-such-image) otherwise. */
export function resolveImage(engine: Engine, input: string): ImageRecord {
  const ref = parseAnyReference(input);
  const img = lookup(engine, input, ref);
  if (!img) throw noSuchImage(ref);
  return img;
}

/** True when the input is an id or id prefix of the image rather than one of its names (moby isImageIDPrefix). */
export function isIdPrefix(imageId: string, input: string): boolean {
  return imageId.startsWith(input) || imageId.slice(7).startsWith(input);
}
