// run/create pulling their image (docker/cli container/create.go): `--pull always` pulls first,
// `missing` (the default) pulls when the daemon says the image does not exist — after printing
// "Unable to find image 'x:latest' locally" — and creates again; `never` only creates. The pull
// stream goes to stderr so stdout keeps only the container id.
import type { CommandContext } from '../../command.js';
import type { Engine } from '../../../context.js';
import { isNotFoundImage } from '../../../domain/containers/create.js';
import { familiarString, parseAnyReference, referenceString, withDefaultTag, type NamedReference } from '../../../images/reference.js';
import { ContainerOptionsError } from '../../flags/create-errors.js';
import { pullWithProgress, registryAccess } from './remote.js';

export interface PullOnCreate { image: string; pull: string; quiet: boolean; platform?: string }

/** The name to pull for an image argument; ids and digests are never pulled. */
function namedRef(image: string): NamedReference | undefined {
  try {
    const ref = parseAnyReference(image);
    return ref.kind === 'named' ? withDefaultTag(ref.ref) : undefined;
  } catch {
    return undefined;
  }
}

export async function createWithPull<T>(ctx: CommandContext, engine: Engine, opts: PullOnCreate, create: () => Promise<T>): Promise<T> {
  const named = namedRef(opts.image);
  const pull = () => pullWithProgress(engine, registryAccess(ctx, engine), {
    reference: referenceString(named!), platform: opts.platform, out: ctx.io.stderr, quiet: opts.quiet,
    inBand: (message) => new ContainerOptionsError(message, 'create'),
  });
  if (named && opts.pull === 'always') await pull();
  try {
    return await create();
  } catch (e) {
    if (!named || opts.pull !== 'missing' || !isNotFoundImage(e)) throw e;
    // docker parity: docker/cli cli/command/container/create.go createContainer
    if (!opts.quiet) ctx.io.stderr.write(`Unable to find image '${familiarString(named)}' locally\n`);
    await pull();
    return create();
  }
}
