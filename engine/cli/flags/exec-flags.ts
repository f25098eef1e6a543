// `docker exec` flags (docker/cli 28.2 cli/command/container/exec.go) and the POST
// /containers/{id}/exec body the CLI builds from them (parseExec).
import type { FlagSpec } from '../pflag.js';
import { buildEnv } from './create-env.js';
import { ContainerOptionsError, type FlagRequirements } from './create-errors.js';
import { bool, list, str, type ParsedFlags, type ReadFile } from './flag-access.js';
import { validateEnv } from './flag-values.js';

/** `docker exec` flags, sorted by name as pflag lists them. */
export const EXEC_FLAGS: FlagSpec[] = [
  { name: 'detach', short: 'd', type: 'bool', usage: 'Detached mode: run command in the background' },
  { name: 'detach-keys', type: 'string', valueName: 'string', usage: 'Override the key sequence for detaching a container' },
  { name: 'env', short: 'e', type: 'stringArray', valueName: 'list', usage: 'Set environment variables', parse: validateEnv },
  { name: 'env-file', type: 'stringArray', valueName: 'list', usage: 'Read in a file of environment variables' },
  { name: 'interactive', short: 'i', type: 'bool', usage: 'Keep STDIN open even if not attached' },
  { name: 'privileged', type: 'bool', usage: 'Give extended privileges to the command' },
  { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a pseudo-TTY' },
  { name: 'user', short: 'u', type: 'string', valueName: 'string', usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
  { name: 'workdir', short: 'w', type: 'string', valueName: 'string', usage: 'Working directory inside the container' },
];

export const EXEC_FLAG_REQUIREMENTS: FlagRequirements = { env: { api: '1.25' }, 'env-file': { api: '1.25' }, workdir: { api: '1.35' } };

/** The exec-create body (container.ExecOptions as a 1.41 client encodes it: no ConsoleSize). */
export interface ExecCreateBody {
  User: string;
  Privileged: boolean;
  Tty: boolean;
  AttachStdin: boolean;
  AttachStderr: boolean;
  AttachStdout: boolean;
  Detach: boolean;
  DetachKeys: string;
  Env: string[] | null;
  WorkingDir: string;
  Cmd: string[];
}

export interface ExecRequest {
  container: string;
  body: ExecCreateBody;
  /** The exec-start body: {"Detach","Tty"}. */
  start: { Detach: boolean; Tty: boolean };
}

// docker parity: docker/cli cli/command/container/exec.go parseExec
/**
 * Builds the exec request from `exec [OPTIONS] CONTAINER COMMAND [ARG...]`. Env-file errors are
 * ContainerOptionsErrors of stage "run" (docker prints them bare and exits 1).
 * `configDetachKeys` is detachKeys from the client's config.json.
 */
export function buildExecConfig(parsed: ParsedFlags, env: NodeJS.ProcessEnv, readFile: ReadFile, configDetachKeys = ''): ExecRequest {
  const detach = bool(parsed, 'detach');
  let envVars: string[] | null;
  try {
    envVars = buildEnv(list(parsed, 'env'), list(parsed, 'env-file'), env, readFile, false);
  } catch (e) {
    throw e instanceof ContainerOptionsError ? new ContainerOptionsError(e.message, 'run') : e;
  }
  const body: ExecCreateBody = {
    User: str(parsed, 'user'),
    Privileged: bool(parsed, 'privileged'),
    Tty: bool(parsed, 'tty'),
    AttachStdin: !detach && bool(parsed, 'interactive'),
    AttachStderr: !detach,
    AttachStdout: !detach,
    Detach: detach,
    DetachKeys: str(parsed, 'detach-keys') || configDetachKeys,
    Env: envVars,
    WorkingDir: str(parsed, 'workdir'),
    Cmd: parsed.args.slice(1),
  };
  return { container: parsed.args[0] ?? '', body, start: { Detach: detach, Tty: body.Tty } };
}

// docker parity: docker/cli cli/streams/in.go CheckTty — run after the container was found, as docker does.
export function checkExecTty(body: ExecCreateBody, stdinIsTerminal: boolean): void {
  if (!body.Detach && body.Tty && body.AttachStdin && !stdinIsTerminal) throw new ContainerOptionsError('the input device is not a TTY', 'run');
}
