import { homedir, userInfo } from 'node:os';
import type { Identity } from './paths.js';

// Inside skiff's user namespace the process is uid 0, yet it is the rootless user's engine: the
// re-exec (sys/userns.ts) passes the real ids down in these variables, as Podman does with
// _CONTAINERS_ROOTLESS_UID.
export const ROOTLESS_UID_ENV = '_SKIFF_ROOTLESS_UID';
export const ROOTLESS_GID_ENV = '_SKIFF_ROOTLESS_GID';
export const USERNS_ENV = '_SKIFF_USERNS_CONFIGURED';

export function currentIdentity(env: NodeJS.ProcessEnv = process.env): Identity {
  const inherited = env[ROOTLESS_UID_ENV];
  if (inherited !== undefined && env[USERNS_ENV]) {
    return { rootless: true, uid: Number(inherited), gid: Number(env[ROOTLESS_GID_ENV] ?? inherited), home: env.HOME ?? homedir() };
  }
  const uid = process.geteuid?.() ?? 0;
  const gid = process.getegid?.() ?? 0;
  return { rootless: uid !== 0, uid, gid, home: env.HOME ?? safeHome() };
}

function safeHome(): string {
  try { return userInfo().homedir; } catch { return homedir(); }
}
