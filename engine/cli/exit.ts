import { EngineError } from '../errors.js';

// docker parity: docker/cli cli/command/container/run.go toStatusError — the exit code of `run`
// when creating or starting the container failed.
export function runFailureStatus(err: unknown): number {
  if (err instanceof EngineError && err.exitStatus !== undefined) return err.exitStatus;
  const text = err instanceof Error ? err.message : String(err);
  if (text.includes('executable file not found') || text.includes('no such file or directory') || text.includes('system cannot find the file specified')) return 127;
  if (text.includes('permission denied') || text.includes('is a directory')) return 126;
  return 125;
}

/** How an engine error reads on the CLI: Docker prefixes daemon-side errors with this. */
export function daemonError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return `Error response from daemon: ${text}`;
}
