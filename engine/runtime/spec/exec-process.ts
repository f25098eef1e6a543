// The OCI process object for `exec` (runc exec --process F, via conmon --exec-process-spec): the container's
// own process with the exec's args, tty, env, cwd and user, and capabilities recomputed (engine-facts §1.10).
import type { ContainerRecord } from '../../model/container.js';
import { allCapabilities, capabilitiesForUser, type CapabilityHost } from './capabilities.js';
import { processCwd, replaceOrAppendEnv } from './process-config.js';
import type { OciProcess } from './types.js';
import type { ResolvedUser } from './user.js';

export interface ExecProcessInput {
  /** The container (its Config.Env tells a user-set TERM from Docker's tty default). */
  record: Pick<ContainerRecord, 'Config'>;
  /** The container's process, as written in its config.json. */
  process: OciProcess;
  args: string[];
  /** -e values: replace the same keys, append new ones. */
  env?: readonly string[];
  tty: boolean;
  /** -u resolved against the rootfs, or the container's own user resolved the same way. */
  user: ResolvedUser;
  /** -w; the container's cwd when absent. */
  cwd?: string;
  privileged?: boolean;
  host: CapabilityHost;
}

const envKey = (e: string) => e.split('=', 1)[0]!;
const hasKey = (env: readonly string[], key: string) => env.some((e) => envKey(e) === key);

/** TERM=xterm follows the exec's own -t, as Docker rebuilds it per exec (after HOSTNAME, like at create). */
function execBaseEnv(input: ExecProcessInput): string[] {
  const userSetTerm = hasKey(input.record.Config.Env ?? [], 'TERM');
  const env = input.process.env.filter((e) => userSetTerm || envKey(e) !== 'TERM');
  if (input.tty && !hasKey(env, 'TERM')) {
    const at = env.findIndex((e) => envKey(e) === 'HOSTNAME');
    env.splice(at < 0 ? env.length : at + 1, 0, 'TERM=xterm');
  }
  return env;
}

function execEnv(input: ExecProcessInput): string[] {
  const env = replaceOrAppendEnv(execBaseEnv(input), input.env ?? []);
  // runc would set HOME from passwd anyway; writing it keeps the spec self-describing (Podman does the same).
  if (!hasKey(env, 'HOME')) env.push(`HOME=${input.user.home || '/'}`);
  return env;
}

export function buildExecProcess(input: ExecProcessInput): OciProcess {
  const base = input.process;
  const bounding = input.privileged ? allCapabilities(input.host) : [...(base.capabilities?.bounding ?? [])];
  const process: OciProcess = {
    ...(input.tty ? { terminal: true } : {}),
    user: { uid: input.user.uid, gid: input.user.gid, additionalGids: [...input.user.additionalGids] },
    args: [...input.args],
    env: execEnv(input),
    cwd: input.cwd ? processCwd(input.cwd) : base.cwd,
    capabilities: capabilitiesForUser(bounding, input.user.uid),
  };
  if (base.rlimits) process.rlimits = base.rlimits.map((r) => ({ ...r }));
  if (base.noNewPrivileges) process.noNewPrivileges = true;
  if (base.apparmorProfile) process.apparmorProfile = base.apparmorProfile;
  return process;
}
