import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CliIO } from '../../command.js';
import { StatusError } from '../../command.js';

/** Streams a tar to stdout; a reader that went away ends the command as SIGPIPE ends docker (status 141, no message). */
export async function pipeToStdout(io: CliIO, data: Readable): Promise<void> {
  try {
    await pipeline(data, io.stdout, { end: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') throw new StatusError('', 141);
    throw e;
  }
}
