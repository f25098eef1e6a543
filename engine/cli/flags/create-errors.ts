// How docker's run/create refuse bad input. The same message reads differently depending on where
// docker/cli raised it, so every client-side error carries the stage it belongs to; daemon-side
// refusals are EngineErrors (kind invalid-argument) so the domain and the REST API share them.
import { EngineError } from '../../errors.js';
import { runFailureStatus } from '../exit.js';

/**
 * - flag-support: a flag the daemon's API version / OS does not support (cmd/docker areFlagsSupported):
 *   the bare message, exit 1.
 * - parse: container options rejected by cli/command/container/opts.go parse() or the pull option:
 *   `docker: <msg>` + help hint, exit 125.
 * - create: rejected inside createContainer before the API call (platform, API version of a field):
 *   like a daemon error — bare for `create` (exit 1), `docker: …` + hint for `run` (exit 125).
 * - run: run-only checks after parsing (--attach with --detach, no TTY): the bare message, exit 1.
 */
export type CreateErrorStage = 'flag-support' | 'parse' | 'create' | 'run';

export class ContainerOptionsError extends Error {
  constructor(message: string, readonly stage: CreateErrorStage) {
    super(message);
    this.name = 'ContainerOptionsError';
  }
}

export const parseError = (message: string) => new ContainerOptionsError(message, 'parse');

// docker parity: docker/cli cli/command/container/create.go newCIDFile (checked before the API call)
export const cidFileExists = (path: string) =>
  new ContainerOptionsError(`container ID file found, make sure the other container isn't running or delete ${path}`, 'create');
/** `goError` is Go's os.Create text, e.g. "open /x/y.cid: no such file or directory". */
export const cidFileNotCreated = (goError: string) => new ContainerOptionsError(`failed to create the container ID file: ${goError}`, 'create');

export interface RenderedError { stderr: string; status: number }

// docker parity: docker/cli cli/command/container/run.go toStatusError + withHelp, cmd/docker/docker.go
/**
 * The stderr text and exit status docker prints for a run/create failure raised before start. For
 * `run`, createContainer's errors go through toStatusError, whose status depends on the text
 * ("no such file or directory" → 127, e.g. a --cidfile in a missing directory).
 */
export function renderCreateError(err: unknown, command: 'run' | 'create', prog = 'docker'): RenderedError | undefined {
  const hint = (msg: string) => `${prog}: ${msg}\n\nRun '${prog} ${command} --help' for more information\n`;
  if (err instanceof ContainerOptionsError) {
    if (err.stage === 'parse') return { stderr: hint(err.message), status: 125 };
    if (err.stage === 'create' && command === 'run') return { stderr: hint(err.message), status: runFailureStatus(err) };
    return { stderr: `${err.message}\n`, status: 1 };
  }
  if (err instanceof EngineError) {
    const text = `Error response from daemon: ${err.message}`;
    return command === 'run' ? { stderr: hint(text), status: runFailureStatus(err) } : { stderr: `${text}\n`, status: 1 };
  }
  return undefined;
}

/** Which API version or daemon OS a flag needs (pflag annotations "version" / "ostype"). */
export type FlagRequirements = Record<string, { api?: string; os?: string }>;

export interface ServerDetails { apiVersion: string; osType: string }

/** The API skiff serves (docs/api-facts.md): flags needing more are refused as docker refuses them. */
export const SKIFF_SERVER: ServerDetails = { apiVersion: '1.41', osType: 'linux' };

// docker parity: docker/cli cmd/docker/docker.go areFlagsSupported (errors joined, flags in name order)
export function checkFlagSupport(changed: Set<string>, reqs: FlagRequirements, server: ServerDetails = SKIFF_SERVER): ContainerOptionsError | undefined {
  const errs: string[] = [];
  for (const name of [...changed].sort()) {
    const req = reqs[name];
    if (req?.api && compareVersions(req.api, server.apiVersion) > 0) {
      errs.push(`"--${name}" requires API version ${req.api}, but the Docker daemon API version is ${server.apiVersion}`);
    } else if (req?.os && req.os !== server.osType) {
      errs.push(`"--${name}" is only supported on a Docker daemon running on ${req.os}, but the Docker daemon is running on ${server.osType}`);
    }
  }
  return errs.length > 0 ? new ContainerOptionsError(errs.join('\n'), 'flag-support') : undefined;
}

/** Compares dotted API versions numerically ("1.9" < "1.41"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
