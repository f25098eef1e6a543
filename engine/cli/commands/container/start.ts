import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { startContainer } from '../../../domain/containers/start.js';
import { getContainer } from '../../../domain/containers/lookup.js';
import { prepareWait } from '../../../domain/containers/wait.js';
import { restartContainer } from '../../../domain/containers/restart.js';
import { attachHandlers, enterRawTerminal, pumpStdin } from '../../attach-io.js';
import { daemonError } from '../../exit.js';
import { forEachRef, STOP_TIMEOUT_FLAGS, stopTimeout } from './batch.js';

const start: CommandSpec = {
  path: 'container start', aliases: ['start'], usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Start one or more stopped containers',
  args: { min: 1 },
  flags: [
    { name: 'attach', short: 'a', type: 'bool', usage: 'Attach STDOUT/STDERR and forward signals' },
    { name: 'detach-keys', type: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'interactive', short: 'i', type: 'bool', usage: "Attach container's STDIN" },
    { name: 'checkpoint', type: 'string', hidden: true },
    { name: 'checkpoint-dir', type: 'string', hidden: true },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const attach = (ctx.flags.attach as boolean) || (ctx.flags.interactive as boolean);
    if (attach) {
      // docker parity: docker/cli start.go
      if (ctx.args.length > 1) throw new StatusError('you cannot start and attach multiple containers at once', 1);
      const rec = getContainer(engine, ctx.args[0]!);
      const session = attachHandlers(ctx.io, { stdout: true, stderr: true }, rec.Config.Tty);
      // Prepared before the start: with --rm, conmon's cleanup may remove the record before we ask.
      const waiter = prepareWait(engine, { ref: rec.Id, condition: 'next-exit' });
      const restoreTerminal = ctx.flags.interactive ? enterRawTerminal(ctx.io, rec.Config.Tty) : () => undefined;
      let report;
      try {
        report = await startContainer(engine, { ref: rec.Id, attach: { ...session.handlers, stdin: (ctx.flags.interactive as boolean) && rec.Config.OpenStdin } });
      } catch (e) {
        restoreTerminal();
        throw new StatusError(daemonError(e), 1);
      }
      const pump = report.attach && ctx.flags.interactive ? pumpStdin(engine, rec.Id, ctx.io, report.attach, { tty: rec.Config.Tty, detachKeys: ctx.flags['detach-keys'] as string }) : undefined;
      await Promise.race([session.ended, ...(pump ? [pump.detached] : [])]);
      pump?.stop();
      restoreTerminal();
      report.attach?.close();
      return (await waiter.wait()).StatusCode;
    }
    const { code, failed } = await forEachRef(ctx, async (ref) => { await startContainer(engine, { ref }); return ref; });
    if (failed.length > 0) ctx.io.stderr.write(`Error: failed to start containers: ${failed.join(', ')}\n`);
    return code;
  },
};

const restart: CommandSpec = {
  path: 'container restart', aliases: ['restart'], usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Restart one or more containers',
  args: { min: 1 },
  flags: [
    { name: 'signal', short: 's', type: 'string', usage: 'Signal to send to the container' },
    ...STOP_TIMEOUT_FLAGS,
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const timeout = stopTimeout(ctx);
    return (await forEachRef(ctx, async (ref) => {
      await restartContainer(engine, { ref, timeoutSeconds: timeout, signal: (ctx.flags.signal as string) || undefined });
      return ref;
    })).code;
  },
};

export default [start, restart];
