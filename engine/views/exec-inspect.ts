// GET /exec/{id}/json. docker parity: moby api/types ContainerExecInspect, ExecProcessConfig
// (observed on 20.10: "privileged" always present, "user" only when set, ExitCode null until it ends,
// DetachKeys as base64 of the key bytes).
import type { ExecRecord } from '../state/store.js';
import type { ExecConfig } from '../domain/containers/exec.js';
import { detachKeyBytes } from '../domain/containers/detach-keys.js';

export interface ExecInspect {
  ID: string;
  Running: boolean;
  ExitCode: number | null;
  ProcessConfig: { tty: boolean; entrypoint: string; arguments: string[]; privileged: boolean; user?: string };
  OpenStdin: boolean;
  OpenStderr: boolean;
  OpenStdout: boolean;
  CanRemove: boolean;
  ContainerID: string;
  DetachKeys: string;
  Pid: number;
}

export function execInspect(rec: ExecRecord): ExecInspect {
  const c = rec.Config as ExecConfig;
  const [entrypoint = '', ...args] = c.Cmd ?? [];
  const keys = c.DetachKeys ? detachKeyBytes(c.DetachKeys) : undefined;
  return {
    ID: rec.Id,
    Running: rec.Running,
    ExitCode: rec.ExitCode,
    ProcessConfig: { tty: c.Tty === true, entrypoint, arguments: args, privileged: c.Privileged === true, ...(c.User ? { user: c.User } : {}) },
    OpenStdin: c.AttachStdin === true,
    OpenStderr: c.AttachStderr === true,
    OpenStdout: c.AttachStdout === true,
    CanRemove: false,
    ContainerID: rec.ContainerId,
    DetachKeys: keys ? Buffer.from(keys).toString('base64') : '',
    Pid: rec.Pid,
  };
}
