import type { Readable, Writable } from 'node:stream';
import type { Engine } from '../context.js';
import type { FlagSpec, FlagValues } from './pflag.js';

export interface CliIO {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  stdout: Writable & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export interface CommandContext<F extends FlagValues = FlagValues> {
  io: CliIO;
  /** The program name users typed ("docker" through the shim, else "skiff"). */
  prog: string;
  /** The command path as invoked, e.g. "docker container ls", for messages. */
  invokedAs: string;
  flags: F;
  /** Flags the user set explicitly (pflag's Changed). */
  changed: Set<string>;
  args: string[];
  /** Builds the engine on first use, so flag errors and `version` never touch storage. */
  engine(): Promise<Engine>;
}

export interface ArgRule { min?: number; max?: number }

export interface CommandSpec {
  /** Canonical path, e.g. "container ls". */
  path: string;
  /** Other paths reaching the same command, e.g. ["ps", "container ps", "container list"]. */
  aliases?: string[];
  /** Usage after the command path, e.g. "[OPTIONS] CONTAINER [CONTAINER...]". */
  usage: string;
  /** cobra's Short: the one line command listings show. */
  description: string;
  /** cobra's Long, when the command's own help says more than its listing line. */
  long?: string;
  flags: FlagSpec[];
  args?: ArgRule;
  /** False for run/create/exec: flags after the first positional belong to the container's command. */
  interspersed?: boolean;
  hidden?: boolean;
  run(ctx: CommandContext): Promise<number>;
}

/** A command-line failure that prints a message and exits with a code (docker/cli's StatusError). */
export class StatusError extends Error {
  constructor(message: string, readonly status: number) { super(message); }
}
