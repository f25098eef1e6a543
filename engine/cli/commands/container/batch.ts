import type { CommandContext } from '../../command.js';
import { daemonError } from '../../exit.js';

/** Runs fn for every argument; prints what it returns on stdout and each failure on stderr, like docker/cli. Exit 1 if any failed. */
export async function forEachRef(ctx: CommandContext, fn: (ref: string) => Promise<string | undefined>): Promise<{ code: number; failed: string[] }> {
  const failed: string[] = [];
  for (const ref of ctx.args) {
    try {
      const out = await fn(ref);
      if (out !== undefined) ctx.io.stdout.write(`${out}\n`);
    } catch (e) {
      ctx.io.stderr.write(`${daemonError(e)}\n`);
      failed.push(ref);
    }
  }
  return { code: failed.length > 0 ? 1 : 0, failed };
}
