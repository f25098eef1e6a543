import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { renameContainer } from '../../../domain/containers/rename.js';
import { setPaused } from '../../../domain/containers/pause.js';
import { getContainer } from '../../../domain/containers/lookup.js';
import { syncContainer } from '../../../domain/containers/sync.js';
import { prepareWait } from '../../../domain/containers/wait.js';
import { followOutput, stdinOnly } from '../../../domain/containers/output-stream.js';
import { attachHandlers, enterRawTerminal, pumpStdin } from '../../attach-io.js';
import { daemonError } from '../../exit.js';
import { forEachRef } from './batch.js';
import { livePorts } from '../../../views/container-network.js';
import { networkRuntime } from '../../../network/runtime.js';

const rename: CommandSpec = {
  path: 'container rename', aliases: ['rename'], usage: 'CONTAINER NEW_NAME', description: 'Rename a container',
  args: { min: 2, max: 2 }, flags: [],
  async run(ctx) {
    const engine = await ctx.engine();
    try {
      await renameContainer(engine, { ref: ctx.args[0]!, newName: ctx.args[1]! });
    } catch (e) {
      // docker parity: docker/cli container/rename.go
      throw new StatusError(`${daemonError(e)}\nError: failed to rename container named ${ctx.args[0]}`, 1);
    }
    return 0;
  },
};

const pauseLike = (paused: boolean): CommandSpec => ({
  path: `container ${paused ? 'pause' : 'unpause'}`, aliases: [paused ? 'pause' : 'unpause'], usage: 'CONTAINER [CONTAINER...]',
  description: `${paused ? 'Pause' : 'Unpause'} all processes within one or more containers`, args: { min: 1 }, flags: [],
  async run(ctx) {
    const engine = await ctx.engine();
    return (await forEachRef(ctx, async (ref) => { await setPaused(engine, { ref, paused }); return ref; })).code;
  },
});

const port: CommandSpec = {
  path: 'container port', aliases: ['port'], usage: 'CONTAINER [PRIVATE_PORT[/PROTO]]', description: 'List port mappings or a specific mapping for the container',
  args: { min: 1, max: 2 }, flags: [],
  async run(ctx) {
    const engine = await ctx.engine();
    const rec = syncContainer(engine, getContainer(engine, ctx.args[0]!));
    const bindings = livePorts(rec, networkRuntime(engine, rec));
    const lines: string[] = [];
    const want = ctx.args[1] ? (ctx.args[1].includes('/') ? ctx.args[1] : `${ctx.args[1]}/tcp`) : undefined;
    for (const [key, list] of Object.entries(bindings).sort(([a], [b]) => a.localeCompare(b))) {
      if (want && key !== want) continue;
      for (const b of list ?? []) lines.push(want ? `${b.HostIp || '0.0.0.0'}:${b.HostPort}` : `${key} -> ${b.HostIp || '0.0.0.0'}:${b.HostPort}`);
    }
    // docker parity: cli@28.2 cli/command/container/port.go — the port as the user wrote it
    if (want && lines.length === 0) throw new StatusError(`Error: No public port '${ctx.args[1]}' published for ${ctx.args[0]}`, 1);
    for (const l of lines) ctx.io.stdout.write(`${l}\n`);
    return 0;
  },
};

const attach: CommandSpec = {
  path: 'container attach', aliases: ['attach'], usage: '[OPTIONS] CONTAINER', description: 'Attach local standard input, output, and error streams to a running container',
  args: { min: 1, max: 1 },
  flags: [
    { name: 'detach-keys', type: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'no-stdin', type: 'bool', usage: 'Do not attach STDIN' },
    { name: 'sig-proxy', type: 'bool', defaultValue: true, usage: 'Proxy all received signals to the process' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const rec = syncContainer(engine, getContainer(engine, ctx.args[0]!));
    // docker parity: docker/cli container/attach.go
    if (rec.State.Status !== 'running' && rec.State.Status !== 'paused') throw new StatusError('You cannot attach to a stopped container, start it first', 1);
    if (rec.State.Status === 'paused') throw new StatusError('You cannot attach to a paused container, unpause it first', 1);
    const session = attachHandlers(ctx.io, { stdout: true, stderr: true }, rec.Config.Tty);
    const waiter = prepareWait(engine, { ref: rec.Id });
    const output = await followOutput(engine, rec, session.handlers);
    output.markStarted();
    const conn = rec.Config.OpenStdin && !ctx.flags['no-stdin'] ? await stdinOnly(engine, rec.Id) : undefined;
    const restoreTerminal = conn ? enterRawTerminal(ctx.io, rec.Config.Tty) : () => undefined;
    const pump = conn ? pumpStdin(engine, rec.Id, ctx.io, conn, { tty: rec.Config.Tty, detachKeys: ctx.flags['detach-keys'] as string }) : undefined;
    const detached = await Promise.race([session.ended.then(() => false), pump?.detached.then(() => true) ?? new Promise<boolean>(() => undefined)]);
    pump?.stop();
    restoreTerminal();
    conn?.close();
    output.stop();
    if (detached) return 0;
    return (await waiter.wait()).StatusCode;
  },
};

export default [rename, pauseLike(true), pauseLike(false), port, attach];
