import { release } from 'node:os';
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

const firstLineVersion = async (bin: string, args: string[]) => {
  try {
    const r = await run(bin, args);
    return /(\d+\.\d+[^\s,]*)/.exec(r.stdout)?.[1] ?? '';
  } catch { return ''; }
};

export async function serverVersion(config: EngineConfig): Promise<ServerVersion> {
  const [runc, conmon] = await Promise.all([firstLineVersion(config.runtimePath, ['--version']), firstLineVersion(config.conmonPath, ['--version'])]);
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return {
    Platform: { Name: 'skiff' },
    Components: [
      { Name: 'Engine', Version: SKIFF_VERSION, Details: { ApiVersion: API_VERSION, Arch: arch, BuildTime: '', Experimental: 'false', GitCommit: '', GoVersion: process.version, KernelVersion: release(), MinAPIVersion: MIN_API_VERSION, Os: 'linux' } },
      { Name: 'runc', Version: runc, Details: { GitCommit: '' } },
      { Name: 'conmon', Version: conmon, Details: { GitCommit: '' } },
    ],
    Version: SKIFF_VERSION, ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, GitCommit: '', GoVersion: process.version,
    Os: 'linux', Arch: arch, KernelVersion: release(), BuildTime: '',
  };
}
