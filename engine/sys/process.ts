import { execa, type Options as ExecaOptions } from 'execa';

export interface RunResult { exitCode: number; stdout: string; stderr: string }

/** Run a helper program to completion; never throws for a non-zero exit (callers decide). */
export async function run(file: string, args: readonly string[], opts: ExecaOptions = {}): Promise<RunResult> {
  const r = await execa(file, args, { reject: false, stripFinalNewline: false, ...opts, encoding: 'utf8' } as ExecaOptions);
  return { exitCode: r.exitCode ?? (r.signal ? 128 : 1), stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** True when a process with this pid exists (signal 0 probes without sending). */
export function pidAlive(pid: number): boolean {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
