// What pull, push and run share on the CLI side: references parsed as docker/cli 28 parses them,
// registry access from the user's environment, and the pull stream rendered as Docker renders it,
// with daemon-style errors only for failures before the first message (moby's "flushed" rule).
import type { Writable } from 'node:stream';
import type { CommandContext } from '../../command.js';
import { StatusError } from '../../command.js';
import type { Engine } from '../../../context.js';
import { EngineError } from '../../../errors.js';
import { parseNormalizedNamed, ReferenceError, type NamedReference } from '../../../images/reference.js';
import type { JsonMessage } from '../../../domain/images/progress.js';
import { pullImage, type PullReport } from '../../../domain/images/pull.js';
import { registryAccessFrom, type RegistryAccess } from '../../../domain/images/registry-access.js';
import { JsonMessageRenderer } from './jsonmessage.js';

export const registryAccess = (ctx: CommandContext, engine: Engine): RegistryAccess =>
  registryAccessFrom(ctx.io.env, { rootless: engine.config.identity.rootless, home: engine.config.identity.home });

/**
 * docker/cli 28 (distribution/reference 0.6) reads an upper-case first component as a registry host,
 * so `UPPER/case` passes the client and is refused by the daemon, which does not.
 */
function clientAccepts(raw: string): boolean {
  const i = raw.indexOf('/');
  if (i <= 0) return false;
  const first = raw.slice(0, i);
  return /[A-Z]/.test(first) && /^[A-Za-z0-9-]+$/.test(first) && /^[a-z0-9._/-]+(:[\w][\w.-]{0,127})?$/.test(raw.slice(i + 1));
}

/** Parse as the client does; `daemonError` is set when the client accepts what the daemon will refuse. */
export function parseRemote(raw: string): { ref?: NamedReference; daemonError?: EngineError; nameOnly: boolean } {
  try {
    const ref = parseNormalizedNamed(raw);
    return { ref, nameOnly: ref.tag === undefined && ref.digest === undefined };
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    if (clientAccepts(raw)) return { daemonError: e, nameOnly: !raw.slice(raw.indexOf('/')).includes(':') };
    throw new StatusError(e.clientMessage, 1);
  }
}

export function progressRenderer(out: Writable & { isTTY?: boolean; columns?: number }, quiet: boolean): (m: JsonMessage) => void {
  if (quiet) return () => undefined;
  const r = new JsonMessageRenderer(out, out.isTTY === true, out.columns ?? 80);
  return (m) => r.write(m);
}

export interface PullCliOptions {
  reference: string; allTags?: boolean; platform?: string; out: Writable; quiet: boolean;
  /** How a failure after the stream began is raised (default: a bare message, exit 1). */
  inBand?: (message: string) => Error;
}

/** Run a pull, printing its stream to `out`; errors after the stream began are printed bare. */
export async function pullWithProgress(engine: Engine, access: RegistryAccess, opts: PullCliOptions): Promise<PullReport> {
  const render = progressRenderer(opts.out, opts.quiet);
  let started = false;
  try {
    return await pullImage(engine, {
      reference: opts.reference, allTags: opts.allTags, platform: opts.platform, registry: access,
      onProgress: (m) => { started = true; render(m); },
    });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (started) throw opts.inBand ? opts.inBand(text) : new StatusError(text, 1);
    throw e;
  }
}
