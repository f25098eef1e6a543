// Render a seccomp profile file (containers-common / moby JSON format) into the OCI linux.seccomp object for
// one container: pick the host's architectures, keep rules whose includes/excludes match the container's
// capabilities and arch, and drop the file-only keys (engine-facts §3.3).
import { invalidArgument } from '../../errors.js';
import type { OciSeccomp, OciSeccompArg, OciSyscall } from './types.js';

interface SeccompFilter { caps?: string[]; arches?: string[]; minKernel?: string }

export interface SeccompProfileRule {
  name?: string;
  names?: string[];
  action: string;
  errnoRet?: number;
  args?: OciSeccompArg[] | null;
  includes?: SeccompFilter;
  excludes?: SeccompFilter;
  [fileOnly: string]: unknown;
}

export interface SeccompProfile {
  defaultAction: string;
  defaultErrnoRet?: number;
  architectures?: string[];
  archMap?: Array<{ architecture: string; subArchitectures?: string[] | null }>;
  flags?: string[];
  syscalls?: SeccompProfileRule[];
  [fileOnly: string]: unknown;
}

export interface SeccompTarget {
  /** The container's bounding capabilities. */
  capabilities: readonly string[];
  /** Go/libseccomp architecture name of the host (`amd64`, `arm64`…); see goArch(). */
  arch: string;
  /** `major.minor` of the running kernel, for minKernel filters; rules are kept when unknown. */
  kernelVersion?: string;
}

const NODE_TO_GO_ARCH: Record<string, string> = {
  x64: 'amd64', ia32: 'x86', arm64: 'arm64', arm: 'arm', s390x: 's390x', ppc64: 'ppc64le', riscv64: 'riscv64',
  mips: 'mips', mipsel: 'mipsel', loong64: 'loong64',
};

/** Node's process.arch → the arch names used in seccomp profiles. */
export const goArch = (nodeArch: string) => NODE_TO_GO_ARCH[nodeArch] ?? nodeArch;

const GO_TO_SCMP_ARCH: Record<string, string> = {
  amd64: 'SCMP_ARCH_X86_64', x86: 'SCMP_ARCH_X86', arm64: 'SCMP_ARCH_AARCH64', arm: 'SCMP_ARCH_ARM',
  s390x: 'SCMP_ARCH_S390X', ppc64le: 'SCMP_ARCH_PPC64LE', riscv64: 'SCMP_ARCH_RISCV64', mips: 'SCMP_ARCH_MIPS',
  mipsel: 'SCMP_ARCH_MIPSEL', mips64: 'SCMP_ARCH_MIPS64', mips64le: 'SCMP_ARCH_MIPSEL64',
};

function architectures(profile: SeccompProfile, arch: string): string[] | undefined {
  if (profile.architectures?.length && profile.archMap?.length) {
    // docker parity: moby profiles/seccomp/seccomp_linux.go setupSeccomp
    throw invalidArgument('bad-seccomp-profile',
      "'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'");
  }
  if (profile.architectures?.length) return [...profile.architectures];
  const native = GO_TO_SCMP_ARCH[arch];
  const entry = profile.archMap?.find((a) => a.architecture === native);
  return entry ? [entry.architecture, ...(entry.subArchitectures ?? [])] : undefined;
}

function kernelAtLeast(current: string | undefined, wanted: string | undefined): boolean {
  if (!wanted || !current) return true;
  const [cm = 0, cn = 0] = current.split('.').map(Number);
  const [wm = 0, wn = 0] = wanted.split('.').map(Number);
  return cm > wm || (cm === wm && cn >= wn);
}

/** includes: every listed cap held, arch listed, kernel new enough; excludes: none of that. */
function ruleApplies(rule: SeccompProfileRule, target: SeccompTarget): boolean {
  const inc = rule.includes ?? {};
  const exc = rule.excludes ?? {};
  if (exc.arches?.includes(target.arch)) return false;
  if (exc.caps?.some((c) => target.capabilities.includes(c))) return false;
  if (exc.minKernel && target.kernelVersion && kernelAtLeast(target.kernelVersion, exc.minKernel)) return false;
  if (inc.arches?.length && !inc.arches.includes(target.arch)) return false;
  if (inc.caps?.some((c) => !target.capabilities.includes(c))) return false;
  return kernelAtLeast(target.kernelVersion, inc.minKernel);
}

// The spec has no valueTwo of 0 (Go omits the zero value), so leave it out as Podman's runtime spec does.
const renderArg = (a: OciSeccompArg): OciSeccompArg =>
  (a.valueTwo ? { index: a.index, value: a.value, valueTwo: a.valueTwo, op: a.op } : { index: a.index, value: a.value, op: a.op });

function renderRule(rule: SeccompProfileRule): OciSyscall {
  const out: OciSyscall = { names: rule.names?.length ? [...rule.names] : [rule.name ?? ''], action: rule.action };
  if (rule.errnoRet !== undefined) out.errnoRet = rule.errnoRet;
  if (rule.args?.length) out.args = rule.args.map(renderArg);
  return out;
}

/** The linux.seccomp object for a container with these capabilities on this architecture. */
export function renderSeccomp(profile: SeccompProfile, target: SeccompTarget): OciSeccomp {
  const out: OciSeccomp = { defaultAction: profile.defaultAction };
  if (profile.defaultErrnoRet !== undefined) out.defaultErrnoRet = profile.defaultErrnoRet;
  const arches = architectures(profile, target.arch);
  if (arches) out.architectures = arches;
  if (profile.flags?.length) out.flags = [...profile.flags];
  out.syscalls = (profile.syscalls ?? []).filter((r) => ruleApplies(r, target)).map(renderRule);
  return out;
}

/** `--security-opt seccomp=<json>` carries the profile text itself (the docker CLI reads the file). */
export function parseSeccompProfile(text: string): SeccompProfile {
  try {
    const parsed = JSON.parse(text) as SeccompProfile;
    if (typeof parsed?.defaultAction !== 'string') throw new Error('defaultAction is missing');
    return parsed;
  } catch (e) {
    // docker parity: moby profiles/seccomp LoadProfile "Decoding seccomp profile failed"
    throw invalidArgument('bad-seccomp-profile', `Decoding seccomp profile failed: ${(e as Error).message}`);
  }
}
