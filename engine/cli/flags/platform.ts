// --platform as containerd/platforms Parse + Format normalize it ("Linux/x86_64" → "linux/amd64"),
// with its error texts, because the CLI sends the normalized form as ?platform=.

export interface Platform { os: string; architecture: string; variant: string }

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);
const SPECIFIER = /^[A-Za-z0-9_.-]+$/;
const OS_AND_VERSION = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$/;

/** Go's runtime.GOARCH for this Node process. */
export function hostGoArch(arch: string = process.arch): string {
  return ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' } as Record<string, string>)[arch] ?? arch;
}

// docker parity: containerd/platforms database.go normalizeArch
function normalizeArch(archIn: string, variantIn: string): [string, string] {
  let arch = archIn.toLowerCase();
  let variant = variantIn.toLowerCase();
  if (arch === 'i386') { arch = '386'; variant = ''; }
  else if (['x86_64', 'x86-64', 'amd64'].includes(arch)) { arch = 'amd64'; if (variant === 'v1') variant = ''; }
  else if (arch === 'aarch64' || arch === 'arm64') {
    arch = 'arm64';
    if (['8', 'v8', 'v8.0'].includes(variant)) variant = '';
    else if (['9', '9.0', 'v9.0'].includes(variant)) variant = 'v9';
  } else if (arch === 'armhf') { arch = 'arm'; variant = 'v7'; }
  else if (arch === 'armel') { arch = 'arm'; variant = 'v6'; }
  else if (arch === 'arm') {
    if (variant === '' || variant === '7') variant = 'v7';
    else if (['5', '6', '8'].includes(variant)) variant = `v${variant}`;
  }
  return [arch, variant];
}

const invalid = (msg: string) => new Error(`${msg}: invalid argument`);

// docker parity: containerd/platforms platforms.go Parse
export function parsePlatform(specifier: string, goArch = hostGoArch()): Platform {
  if (specifier.includes('*')) throw invalid(`${JSON.stringify(specifier)}: wildcards not yet supported`);
  const parts = splitN(specifier, '/', 4);
  const osVer = OS_AND_VERSION.exec(parts[0]!);
  if (!osVer) throw invalid(`${JSON.stringify(parts[0])} is an invalid OS component of ${JSON.stringify(specifier)}: OSAndVersion specifier component must match ${JSON.stringify(OS_AND_VERSION.source)}`);
  for (const part of parts.slice(1)) {
    if (!SPECIFIER.test(part)) throw invalid(`${JSON.stringify(part)} is an invalid component of ${JSON.stringify(specifier)}: platform specifier component must match ${JSON.stringify(SPECIFIER.source)}`);
  }
  const os = osVer[1]!.toLowerCase() === 'macos' ? 'darwin' : osVer[1]!.toLowerCase();
  if (parts.length === 1) return parseSingle(specifier, os, goArch);
  if (parts.length === 2) {
    const [arch, variant] = normalizeArch(parts[1]!, '');
    return { os, architecture: arch, variant: arch === 'arm' && variant === 'v7' ? '' : variant };
  }
  if (parts.length === 3) {
    const [arch, variant] = normalizeArch(parts[1]!, parts[2]!);
    return { os, architecture: arch, variant: arch === 'arm64' && variant === '' ? 'v8' : variant };
  }
  throw invalid(`${JSON.stringify(specifier)}: cannot parse platform specifier`);
}

function parseSingle(specifier: string, os: string, goArch: string): Platform {
  if (KNOWN_OS.has(os)) return { os, architecture: goArch, variant: '' };
  const [arch, rawVariant] = normalizeArch(specifier, '');
  const variant = arch === 'arm' && rawVariant === 'v7' ? '' : rawVariant;
  if (KNOWN_ARCH.has(arch)) return { os: 'linux', architecture: arch, variant };
  throw invalid(`${JSON.stringify(specifier)}: unknown operating system or architecture`);
}

/** platforms.Format / the client's formatPlatform: "os/arch[/variant]". */
export const formatPlatform = (p: Platform) => [p.os, p.architecture, p.variant].filter((x) => x !== '').join('/');

/** strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  const parts = s.split(sep);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}
