// Capability sets as Docker 20.10 computes them: 14 defaults, --cap-add/--cap-drop (with ALL), and
// --privileged = every capability the kernel knows. Names are accepted with or without CAP_, any case.
import { invalidArgument } from '../../errors.js';
import type { OciCapabilities } from './types.js';

/** Linux capability names indexed by number (include/uapi/linux/capability.h, 0..40). */
export const CAPABILITY_NAMES: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN',
  'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ',
  'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

// docker parity: moby oci/caps/defaults.go DefaultCapabilities (order as in the measured config.json)
export const DOCKER_DEFAULT_CAPS: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID', 'CAP_SETUID',
  'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
];

const ALL = 'ALL';

export interface CapabilityHost {
  /** /proc/sys/kernel/cap_last_cap: the highest capability number the kernel knows. */
  capLastCap: number;
  /** The engine's own bounding set (CapBnd). When given, ALL/--privileged never ask for more (runc would fail). */
  boundingSet?: readonly string[];
}

/** Every capability the kernel knows, in number order (Docker's order for ALL and --privileged). */
export function allCapabilities(host: CapabilityHost): string[] {
  const known = CAPABILITY_NAMES.slice(0, Math.max(0, Math.min(host.capLastCap, CAPABILITY_NAMES.length - 1) + 1));
  return host.boundingSet ? known.filter((c) => host.boundingSet!.includes(c)) : known;
}

/** `sys_admin`, `CAP_SYS_ADMIN` and `Sys_Admin` are the same capability; `all` is ALL. */
export function normalizeCapName(name: string): string {
  const upper = name.trim().toUpperCase();
  if (upper === ALL) return ALL;
  return upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
}

function normalizeList(names: readonly string[] | null | undefined, field: 'CapAdd' | 'CapDrop'): string[] {
  const out: string[] = [];
  for (const raw of names ?? []) {
    const cap = normalizeCapName(raw);
    if (cap !== ALL && !CAPABILITY_NAMES.includes(cap)) {
      // docker parity: moby daemon/daemon_unix.go verifyPlatformContainerSettings + oci/caps NormalizeLegacyCapabilities
      throw invalidArgument('unknown-capability', `invalid ${field}: unknown capability: "${cap}"`);
    }
    if (!out.includes(cap)) out.push(cap);
  }
  return out;
}

export interface CapabilityRequest {
  capAdd?: readonly string[] | null;
  capDrop?: readonly string[] | null;
  privileged?: boolean;
}

/** The container's capability list, following moby oci/caps TweakCapabilities (duplicates removed). */
export function tweakCapabilities(req: CapabilityRequest, host: CapabilityHost): string[] {
  const add = normalizeList(req.capAdd, 'CapAdd');
  const drop = normalizeList(req.capDrop, 'CapDrop');
  if (req.privileged) return allCapabilities(host);
  // Adding wins over dropping the same capability (docker/cli opts.EffectiveCapAddCapDrop).
  const effectiveDrop = drop.filter((c) => !add.includes(c));
  if (add.includes(ALL)) return allCapabilities(host).filter((c) => !effectiveDrop.includes(c));
  if (drop.includes(ALL)) return add.filter((c) => c !== ALL);
  const kept = DOCKER_DEFAULT_CAPS.filter((c) => !effectiveDrop.includes(c));
  return [...kept, ...add.filter((c) => !kept.includes(c))];
}

/** Root gets bounding = effective = permitted; other users only bounding (Docker 20.10.14+, runc exec rules). */
export function capabilitiesForUser(caps: readonly string[], uid: number): OciCapabilities {
  if (uid !== 0) return { bounding: [...caps] };
  return { bounding: [...caps], effective: [...caps], permitted: [...caps] };
}
