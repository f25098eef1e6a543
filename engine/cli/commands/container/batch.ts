import type { CommandContext } from '../../command.js';
import type { FlagSpec } from '../../pflag.js';
import { daemonError } from '../../exit.js';

/** Runs fn for every argument; prints what it returns on stdout and each failure on stderr, like docker/cli. Exit 1 if any failed (tolerated ones are only printed). */
export async function forEachRef(
  ctx: CommandContext, fn: (ref: string) => Promise<string | undefined>, tolerated: (e: unknown) => boolean = () => false,
): Promise<{ code: number; failed: string[] }> {
  const failed: string[] = [];
  for (const ref of ctx.args) {
    try {
      const out = await fn(ref);
      if (out !== undefined) ctx.io.stdout.write(`${out}\n`);
    } catch (e) {
      ctx.io.stderr.write(`${daemonError(e)}\n`);
      if (!tolerated(e)) failed.push(ref);
    }
  }
  return { code: failed.length > 0 ? 1 : 0, failed };
}

// docker parity: cli@28.2 cli/command/container/stop.go, restart.go — --time is the deprecated spelling of --timeout.
export const STOP_TIMEOUT_FLAGS: FlagSpec[] = [
  { name: 'time', type: 'int', usage: 'Seconds to wait before killing the container (deprecated: use --timeout)', deprecated: 'use --timeout instead' },
  { name: 'timeout', short: 't', type: 'int', usage: 'Seconds to wait before killing the container' },
];

/** The stop timeout in seconds when -t/--timeout/--time was given (the last one wins, as both set one variable). */
export function stopTimeout(ctx: CommandContext): number | undefined {
  if (!ctx.changed.has('time') && !ctx.changed.has('timeout')) return undefined;
  return ctx.changed.has('timeout') ? (ctx.flags.timeout as number) : (ctx.flags.time as number);
}
