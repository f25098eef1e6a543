// Platforms as containerd's `platforms` package parses and matches them (Docker 20.10 uses it to pick
// an entry from a manifest list): `linux`, `amd64`, `linux/arm/v7`, with arch aliases normalised.
import { EngineError } from '../errors.js';

export interface Platform { os: string; architecture: string; variant?: string }

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);

/** containerd normalizeArch: the aliases people and uname use. */
function normalizeArch(arch: string, variant = ''): [string, string] {
  const a = arch.toLowerCase();
  const v = variant.toLowerCase();
  switch (a) {
    case 'i386': return ['386', ''];
    case 'x86_64': case 'x86-64': case 'amd64': return ['amd64', v === 'v1' ? '' : v];
    case 'aarch64': case 'arm64': return ['arm64', v === '8' || v === 'v8' ? '' : v];
    case 'armhf': return ['arm', 'v7'];
    case 'armel': return ['arm', 'v6'];
    case 'arm': return ['arm', v === '' || v === '7' ? 'v7' : v === '5' || v === '6' || v === '8' ? `v${v}` : v];
    default: return [a, v];
  }
}

const normalizeOs = (os: string) => (os.toLowerCase() === 'macos' ? 'darwin' : os.toLowerCase());

/** The platform this engine runs on (Node's names mapped to Go's). */
export function hostPlatform(arch: string = process.arch): Platform {
  const goArch: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  const [architecture, variant] = normalizeArch(goArch[arch] ?? arch);
  return variant ? { os: 'linux', architecture, variant } : { os: 'linux', architecture };
}

// docker parity: containerd platforms.Parse (errdefs.ErrInvalidArgument wraps as ": invalid argument")
export function parsePlatform(spec: string, host: Platform = hostPlatform()): Platform {
  const bad = () => new EngineError('invalid-argument', 'bad-platform', `${JSON.stringify(spec)}: unknown operating system or architecture: invalid argument`);
  const parts = spec.split('/');
  if (parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    const part = parts.find((p) => !/^[A-Za-z0-9_-]+$/.test(p)) ?? '';
    throw new EngineError('invalid-argument', 'bad-platform', `${JSON.stringify(part)}: invalid platform component in ${JSON.stringify(spec)}: invalid argument`);
  }
  let p: Platform;
  if (parts.length === 1) {
    const word = parts[0]!;
    if (KNOWN_OS.has(normalizeOs(word))) p = { ...host, os: normalizeOs(word) };
    else {
      const [architecture, variant] = normalizeArch(word);
      if (!KNOWN_ARCH.has(architecture)) throw bad();
      p = { os: host.os, architecture, variant };
    }
  } else if (parts.length <= 3) {
    const [architecture, variant] = normalizeArch(parts[1]!, parts[2] ?? '');
    p = { os: normalizeOs(parts[0]!), architecture, variant };
  } else throw bad();
  return p.variant ? p : { os: p.os, architecture: p.architecture };
}

export const formatPlatform = (p: Platform) => [p.os, p.architecture, p.variant].filter(Boolean).join('/');

/** Normalised form of a manifest list entry's platform (absent fields stay empty). */
export function normalizePlatform(p: { os?: string; architecture?: string; variant?: string }): Platform {
  const [architecture, variant] = normalizeArch(p.architecture ?? '', p.variant ?? '');
  return { os: normalizeOs(p.os ?? ''), architecture, variant: variant || undefined };
}

/** Variants an entry may have to serve `want` (containerd's matcher: arm v7 runs v6 and v5 too). */
function acceptableVariants(want: Platform): string[] {
  if (want.architecture === 'arm') {
    const order = ['v8', 'v7', 'v6', 'v5'];
    const from = order.indexOf(want.variant ?? 'v7');
    return from < 0 ? [want.variant ?? ''] : order.slice(from);
  }
  return [want.variant ?? ''];
}

/** 0 is the best match, larger is worse, -1 does not match. */
export function matchRank(want: Platform, entry: Platform): number {
  const e = normalizePlatform(entry);
  if (e.os !== want.os || e.architecture !== want.architecture) return -1;
  const ok = acceptableVariants(want);
  const i = ok.indexOf(e.variant ?? '');
  if (i >= 0) return i;
  // An entry without a variant serves any variant of its architecture, after the exact ones.
  return e.variant === undefined ? ok.length : -1;
}
