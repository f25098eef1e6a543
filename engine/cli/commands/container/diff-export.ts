import { createWriteStream, lstatSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { changeKindLetter, containerChanges } from '../../../domain/containers/changes.js';
import { exportContainer } from '../../../domain/containers/export.js';
import { goPathError, isErrno } from '../../../domain/containers/go-errors.js';
import { pipeToStdout } from './stdout-pipe.js';

const diff: CommandSpec = {
  path: 'container diff', aliases: ['diff'], usage: 'CONTAINER', description: "Inspect changes to files or directories on a container's filesystem",
  args: { min: 1, max: 1 }, flags: [],
  async run(ctx) {
    // docker parity: cli@28.2 cli/command/container/diff.go
    if (ctx.args[0] === '') throw new StatusError('Container name cannot be empty', 1);
    const engine = await ctx.engine();
    const changes = await containerChanges(engine, { ref: ctx.args[0]! });
    ctx.io.stdout.write(changes.map((c) => `${changeKindLetter(c.Kind)} ${c.Path}\n`).join(''));
    return 0;
  },
};

const exportCmd: CommandSpec = {
  path: 'container export', aliases: ['export'], usage: '[OPTIONS] CONTAINER', description: "Export a container's filesystem as a tar archive",
  args: { min: 1, max: 1 },
  flags: [{ name: 'output', short: 'o', type: 'string', usage: 'Write to a file, instead of STDOUT' }],
  async run(ctx) {
    const output = ctx.flags.output as string;
    // docker parity: cli@28.2 cli/command/container/export.go
    if (!output && ctx.io.stdout.isTTY) throw new StatusError('cowardly refusing to save to a terminal. Use the -o flag or redirect', 1);
    if (output) checkDestination(output);
    const engine = await ctx.engine();
    const tar = await exportContainer(engine, { ref: ctx.args[0]! });
    if (output) await writeAtomic(output, tar);
    else await pipeToStdout(ctx.io, tar);
    return 0;
  },
};

// docker parity: moby/sys atomicwriter validateDestination, wrapped by export.go as "failed to export container: …"
function checkDestination(path: string): void {
  const fail = (msg: string) => new StatusError(`failed to export container: ${msg}`, 1);
  const dir = dirname(path);
  if (dir !== '.' && dir !== '..') {
    let st;
    try { st = statSync(dir); } catch (e) { throw fail(`invalid output path: ${goPathError('stat', dir, e)}`); }
    if (!st.isDirectory()) throw fail(`invalid output path: stat ${dir}: not a directory`);
  }
  let st;
  try { st = lstatSync(path); } catch (e) {
    if (isErrno(e, 'ENOENT')) return;
    throw fail(`failed to stat output path: ${goPathError('lstat', path, e)}`);
  }
  if (st.isFile()) return;
  if (st.isDirectory()) throw fail('cannot write to a directory');
  if (st.isSymbolicLink()) throw fail('cannot write to a symbolic link directly');
  if (st.isFIFO()) throw fail('cannot write to a named pipe (FIFO)');
  if (st.isSocket()) throw fail('cannot write to a socket');
  throw fail(st.isCharacterDevice() ? 'cannot write to a character device file' : 'cannot write to a block device file');
}

/** Like docker's atomicwriter: a temporary file beside the target (mode 0600), renamed over it when complete. */
async function writeAtomic(path: string, data: NodeJS.ReadableStream): Promise<void> {
  const tmp = join(dirname(path), `.tmp-${basename(path)}${process.pid}${Date.now() % 1e6}`);
  try {
    await pipeline(data, createWriteStream(tmp, { mode: 0o600 }));
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export default [diff, exportCmd];
