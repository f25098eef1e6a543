import { statSync } from 'node:fs';
import { release } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { EngineConfig } from '../../config/config.js';
import { run } from '../../sys/process.js';

export const SKIFF_VERSION = '0.1.0';
export const API_VERSION = '1.41';
export const MIN_API_VERSION = '1.24';

export interface ComponentVersion { Name: string; Version: string; Details?: Record<string, string> }

/** GET /version's shape (the server side); the CLI adds its Client block around it. */
export interface ServerVersion {
  Platform: { Name: string };
  Components: ComponentVersion[];
  Version: string; ApiVersion: string; MinAPIVersion: string; GitCommit: string; GoVersion: string;
  Os: string; Arch: string; KernelVersion: string; BuildTime: string; Experimental?: boolean;
}

/** A helper binary's `--version`: its version and, when it prints one, its commit (as moby reads runc's and tini's). */
async function binaryVersion(bin: string): Promise<{ version: string; commit: string }> {
  try {
    const r = await run(bin, ['--version']);
    const version = /(\d+\.\d+[^\s,]*)/.exec(r.stdout)?.[1] ?? '';
    const commit = /^commit: (.*)$/m.exec(r.stdout)?.[1]?.trim() ?? /git\.([0-9a-f]+)/.exec(r.stdout)?.[1] ?? '';
    return { version, commit: commit === 'unknown' ? '' : commit };
  } catch {
    return { version: '', commit: '' };
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Go's time.ANSIC in UTC ("Mon Jan _2 15:04:05 2006"), as docker/cli's reformatDate prints build times. */
export const ansicUtc = (d: Date) => `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} `
  + `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;

/** When this skiff was built: the modification time of its bundle (this module, once bundled). */
export function buildTime(script = fileURLToPath(import.meta.url)): Date | undefined {
  try { return statSync(script).mtime; } catch { return undefined; }
}

export const goArch = (arch = process.arch) => ({ x64: 'amd64', ia32: '386' } as Record<string, string>)[arch] ?? arch;

/**
 * The engine and the helpers it runs containers with, in Docker's component order: conmon monitors
 * each container where Docker has containerd, and catatonit is what `--init` mounts as docker-init.
 */
export async function serverVersion(config: EngineConfig, api: { current: string; min: string } = { current: API_VERSION, min: MIN_API_VERSION }): Promise<ServerVersion> {
  const [conmon, runc, init] = await Promise.all([binaryVersion(config.conmonPath), binaryVersion(config.runtimePath), binaryVersion(config.initPath)]);
  const arch = goArch();
  const built = buildTime();
  return {
    Platform: { Name: 'skiff' },
    Components: [
      { Name: 'Engine', Version: SKIFF_VERSION, Details: { ApiVersion: api.current, Arch: arch, BuildTime: built ? ansicUtc(built) : '', Experimental: 'false', GitCommit: '', GoVersion: process.version, KernelVersion: release(), MinAPIVersion: api.min, Os: 'linux' } },
      { Name: 'conmon', Version: conmon.version, Details: { GitCommit: conmon.commit } },
      { Name: 'runc', Version: runc.version, Details: { GitCommit: runc.commit } },
      { Name: 'docker-init', Version: init.version, Details: { GitCommit: init.commit } },
    ],
    Version: SKIFF_VERSION, ApiVersion: api.current, MinAPIVersion: api.min, GitCommit: '', GoVersion: process.version,
    Os: 'linux', Arch: arch, KernelVersion: release(), BuildTime: built ? built.toISOString().replace(/\.(\d{3})Z$/, '.$1000000+00:00') : '',
  };
}
