import { posix } from 'node:path';
import type { CommandContext, CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { getArchive, isDir, isSymlinkMode, modeKind, putArchive, statPath, type ContainerPathStat } from '../../../domain/containers/archive.js';
import { rebaseTar, tarTree } from '../../../domain/containers/archive-tar.js';
import { untar, UntarError } from '../../../domain/containers/archive-untar.js';
import { localView } from '../../../domain/containers/fs-view.js';
import type { Engine } from '../../../context.js';
import { humanSizeWithPrecision } from '../../../format/index.js';
import { daemonError } from '../../exit.js';
import {
  copyInfoDestinationPath, copyInfoSourcePath, cpError, getRebaseName, prepareArchiveCopy, resolveLocalPath, splitCpArg,
  splitPathDirEntry, validateOutputPath, type CopyInfo,
} from './cp-paths.js';
import { pipeToStdout } from './stdout-pipe.js';

// docker parity: cli@28.2 cli/command/container/cp.go
interface CpConfig { container: string; src: string; dst: string; followLink: boolean; copyUIDGID: boolean; quiet: boolean }

/** Counts the bytes of a tar stream as it passes (the "Successfully copied" size). */
async function* counted(src: AsyncIterable<Buffer | string>, total: { n: number }): AsyncGenerator<Buffer> {
  for await (const c of src) { const b = Buffer.from(c); total.n += b.length; yield b; }
}

/** Engine errors read as daemon errors; our own StatusErrors pass through. */
async function daemon<T>(p: Promise<T>): Promise<T> {
  try { return await p; } catch (e) { throw e instanceof StatusError ? e : new StatusError(daemonError(e), 1); }
}

async function copyFromContainer(ctx: CommandContext, engine: Engine, c: CpConfig): Promise<void> {
  const dst = c.dst === '-' ? '-' : resolveLocalPath(c.dst, process.cwd());
  validateOutputPath(dst);
  let src = c.src;
  let rebaseName: string | undefined;
  if (c.followLink) {
    const st = await statPath(engine, { ref: c.container, path: src }).catch(() => undefined);
    if (st && isSymlinkMode(st.mode)) {
      const target = st.linkTarget.startsWith('/') ? st.linkTarget : posix.join(splitPathDirEntry(src)[0], st.linkTarget);
      [src, rebaseName] = getRebaseName(src, target);
    }
  }
  const { stat, tar } = await daemon(getArchive(engine, { ref: c.container, path: src }));
  if (dst === '-') { await pipeToStdout(ctx.io, tar); return; }
  const total = { n: 0 };
  let content: AsyncIterable<Buffer | string> = counted(tar, total);
  if (rebaseName) content = rebaseTar(content, splitPathDirEntry(src)[1], rebaseName);
  await extractLocal(content, { path: src, exists: true, isDir: isDir(stat.mode), rebaseName }, dst);
  if (!c.quiet) ctx.io.stderr.write(`Successfully copied ${humanSizeWithPrecision(total.n, 3)} to ${dst}\n`);
}

/** archive.CopyTo on the local side: no owner changes, no directory replaced by a file. */
async function extractLocal(content: AsyncIterable<Buffer | string>, src: CopyInfo, dstPath: string): Promise<void> {
  const dst = copyInfoDestinationPath(dstPath);
  const { dstDir, rebase } = prepareArchiveCopy(src, dst);
  const archive = rebase ? rebaseTar(content, rebase[0], rebase[1]) : content;
  try {
    await untar(archive, { view: localView, dest: dstDir, noLchown: true, noOverwriteDirNonDir: true });
  } catch (e) {
    throw e instanceof UntarError ? cpError(e.message) : e;
  }
}

async function copyToContainer(ctx: CommandContext, engine: Engine, c: CpConfig): Promise<void> {
  const src = c.src === '-' ? '-' : resolveLocalPath(c.src, process.cwd());
  const dst: CopyInfo = { path: c.dst, exists: false, isDir: false };
  let st: ContainerPathStat | undefined = await statPath(engine, { ref: c.container, path: c.dst }).catch(() => undefined);
  if (st && isSymlinkMode(st.mode)) {
    dst.path = st.linkTarget.startsWith('/') ? st.linkTarget : posix.join(splitPathDirEntry(c.dst)[0], st.linkTarget);
    st = await statPath(engine, { ref: c.container, path: dst.path }).catch(() => undefined);
  }
  if (st && modeKind(st.mode) === 'device') throw cpError(`destination "${c.container}:${c.dst}" must be a directory or a regular file: got a device`);
  if (st) Object.assign(dst, { exists: true, isDir: isDir(st.mode) });
  let content: AsyncIterable<Buffer | string>;
  let target: string;
  const total = { n: 0 };
  if (src === '-') {
    if (!dst.isDir) throw cpError(`destination "${c.container}:${c.dst}" must be a directory`);
    [content, target] = [ctx.io.stdin, dst.path];
  } else {
    const info = copyInfoSourcePath(src, c.followLink);
    const [dir, base] = splitPathDirEntry(info.path);
    const tar = tarTree({ srcDir: dir, include: base, includeSourceDir: true, rebaseName: info.rebaseName });
    const { dstDir, rebase } = prepareArchiveCopy(info, dst);
    [content, target] = [counted(rebase ? rebaseTar(tar, rebase[0], rebase[1]) : tar, total), dstDir];
  }
  await daemon(putArchive(engine, { ref: c.container, path: target, tar: content, noOverwriteDirNonDir: true, copyUIDGID: c.copyUIDGID }));
  if (!c.quiet) ctx.io.stderr.write(`Successfully copied ${humanSizeWithPrecision(total.n, 3)} to ${c.container}:${dst.path}\n`);
}

const cp: CommandSpec = {
  path: 'container cp', aliases: ['cp'],
  usage: '[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
  description: 'Copy files/folders between a container and the local filesystem',
  args: { min: 2, max: 2 },
  flags: [
    { name: 'archive', short: 'a', type: 'bool', usage: 'Archive mode (copy all uid/gid information)' },
    { name: 'follow-link', short: 'L', type: 'bool', usage: 'Always follow symbol link in SRC_PATH' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' },
  ],
  async run(ctx) {
    const [source, destination] = ctx.args as [string, string];
    if (source === '') throw cpError('source can not be empty');
    if (destination === '') throw cpError('destination can not be empty');
    const from = splitCpArg(source);
    const to = splitCpArg(destination);
    if (from.container && to.container) throw cpError('copying between containers is not supported');
    if (!from.container && !to.container) throw cpError('must specify at least one container source');
    const quiet = ctx.changed.has('quiet') ? (ctx.flags.quiet as boolean) : !ctx.io.stdout.isTTY;
    const config: CpConfig = {
      container: from.container || to.container, src: from.path, dst: to.path, quiet,
      followLink: ctx.flags['follow-link'] as boolean, copyUIDGID: ctx.flags.archive as boolean,
    };
    const engine = await ctx.engine();
    if (from.container) await copyFromContainer(ctx, engine, config);
    else await copyToContainer(ctx, engine, config);
    return 0;
  },
};

export default cp;
