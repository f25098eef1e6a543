import type { CommandContext, CommandSpec } from '../command.js';
import { StatusError } from '../command.js';
import { inspectContainer } from '../../domain/containers/inspect.js';
import { inspectImages } from '../../domain/images/inspect.js';
import { isEngineError } from '../../errors.js';
import type { Engine } from '../../context.js';
import { daemonError } from '../exit.js';
import { inspectRefs } from '../inspect-output.js';
import { INSPECT_FORMAT_HELP } from '../format-help.js';

const TYPES = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

/** One object by name: containers first, then images (docker/cli inspect.go inspectAll). */
async function inspectAny(engine: Engine, ref: string, type: string, size: boolean): Promise<unknown> {
  if (type === '' || type === 'container') {
    try {
      return await inspectContainer(engine, { ref, size });
    } catch (e) {
      if (type === 'container' || !isEngineError(e, 'not-found')) throw e;
    }
  }
  if (type === '' || type === 'image') {
    const [report] = inspectImages(engine, [ref]);
    if (report?.inspect) return report.inspect;
    if (type === 'image') throw report?.error;
  }
  // docker parity: docker/cli inspect.go
  throw new StatusError(`Error: No such object: ${ref}`, 1);
}

/** Shared by `inspect` and `container inspect`: what was found, then one error line per miss. */
export async function runInspect(ctx: CommandContext, type: string): Promise<number> {
  if (type && !TYPES.includes(type)) throw new StatusError(`unknown type: "${type}": must be one of ${TYPES.map((t) => `"${t}"`).join(', ')}`, 1);
  const engine = await ctx.engine();
  return inspectRefs(ctx.io, ctx.args, (ctx.flags.format as string) || undefined,
    (ref) => inspectAny(engine, ref, type, ctx.flags.size as boolean),
    (e) => (e instanceof StatusError ? e.message : daemonError(e)));
}

const inspect: CommandSpec = {
  path: 'inspect', usage: '[OPTIONS] NAME|ID [NAME|ID...]', description: 'Return low-level information on Docker objects',
  args: { min: 1 },
  flags: [
    { name: 'format', short: 'f', type: 'string', usage: INSPECT_FORMAT_HELP },
    { name: 'size', short: 's', type: 'bool', usage: 'Display total file sizes if the type is container' },
    { name: 'type', type: 'string', usage: 'Only inspect objects of the given type' },
  ],
  run: (ctx) => runInspect(ctx, ctx.flags.type as string),
};

export default inspect;
