import type { CommandSpec } from '../../command.js';
import { killContainer } from '../../../domain/containers/kill.js';
import { removeContainer } from '../../../domain/containers/remove.js';
import { stopContainer } from '../../../domain/containers/stop.js';
import { waitContainer } from '../../../domain/containers/wait.js';
import { cleanupContainer } from '../../../domain/containers/cleanup.js';
import { isEngineError } from '../../../errors.js';
import { forEachRef, STOP_TIMEOUT_FLAGS, stopTimeout } from './batch.js';

const stop: CommandSpec = {
  path: 'container stop', aliases: ['stop'], usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Stop one or more running containers',
  args: { min: 1 },
  flags: [
    { name: 'signal', short: 's', type: 'string', usage: 'Signal to send to the container' },
    ...STOP_TIMEOUT_FLAGS,
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const timeout = stopTimeout(ctx);
    const signal = (ctx.flags.signal as string) || undefined;
    return (await forEachRef(ctx, async (ref) => { await stopContainer(engine, { ref, timeoutSeconds: timeout, signal }); return ref; })).code;
  },
};

const kill: CommandSpec = {
  path: 'container kill', aliases: ['kill'], usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Kill one or more running containers',
  args: { min: 1 },
  flags: [{ name: 'signal', short: 's', type: 'string', usage: 'Signal to send to the container' }],
  async run(ctx) {
    const engine = await ctx.engine();
    return (await forEachRef(ctx, async (ref) => { await killContainer(engine, { ref, signal: ctx.flags.signal as string }); return ref; })).code;
  },
};

const rm: CommandSpec = {
  path: 'container rm', aliases: ['rm', 'container remove'], usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Remove one or more containers',
  args: { min: 1 },
  flags: [
    { name: 'force', short: 'f', type: 'bool', usage: 'Force the removal of a running container (uses SIGKILL)' },
    { name: 'link', short: 'l', type: 'bool', usage: 'Remove the specified link' },
    { name: 'volumes', short: 'v', type: 'bool', usage: 'Remove anonymous volumes associated with the container' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const force = ctx.flags.force as boolean;
    // docker parity: cli@28.2 cli/command/container/rm.go — with -f a missing container is reported but not an error.
    const outcome = await forEachRef(ctx, async (ref) => {
      await removeContainer(engine, { ref, force, volumes: ctx.flags.volumes as boolean });
      return ref;
    }, (e) => force && isEngineError(e, 'not-found'));
    return outcome.code;
  },
};

const wait: CommandSpec = {
  path: 'container wait', aliases: ['wait'], usage: 'CONTAINER [CONTAINER...]', description: 'Block until one or more containers stop, then print their exit codes',
  args: { min: 1 }, flags: [],
  async run(ctx) {
    const engine = await ctx.engine();
    return (await forEachRef(ctx, async (ref) => String((await waitContainer(engine, { ref })).StatusCode))).code;
  },
};

const cleanup: CommandSpec = {
  path: 'container cleanup', usage: '[OPTIONS] CONTAINER', description: 'Clean up after a container exits (run by conmon)', hidden: true,
  args: { min: 1, max: 1 },
  flags: [{ name: 'rm', type: 'bool', usage: 'Remove the container if it was created with --rm' }],
  async run(ctx) {
    const engine = await ctx.engine();
    await cleanupContainer(engine, ctx.args[0]!, { remove: ctx.flags.rm as boolean, exclusive: true });
    return 0;
  },
};

export default [stop, kill, rm, wait, cleanup];
