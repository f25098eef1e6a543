// Docker CLI contexts as skiff has them: only the built-in `default`, whose endpoint is DOCKER_HOST or
// the socket Docker clients use (which `skiff system install-docker-shim` points at skiff).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { notFound } from '../../errors.js';

export const DEFAULT_CONTEXT = 'default';

/** What `context inspect` shows (docker/cli's store.Metadata plus endpoints, TLS and storage info). */
export interface ContextInspect {
  Name: string;
  Metadata: Record<string, unknown>;
  Endpoints: { docker: { Host: string; SkipTLSVerify: boolean } };
  TLSMaterial: Record<string, unknown>;
  Storage: { MetadataPath: string; TLSPath: string };
}

export interface ContextSummary { Name: string; Description: string; DockerEndpoint: string; Current: boolean; Error: string }

// docker parity: cli@28.2 cli/command/defaultcontextstore.go — the default context lives "<IN MEMORY>".
export function dockerEndpoint(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_HOST || 'unix:///var/run/docker.sock';
}

export function listContexts(env: NodeJS.ProcessEnv): ContextSummary[] {
  return [{ Name: DEFAULT_CONTEXT, Description: 'Current DOCKER_HOST based configuration', DockerEndpoint: dockerEndpoint(env), Current: true, Error: '' }];
}

export function inspectContext(env: NodeJS.ProcessEnv, name: string): ContextInspect {
  if (name !== DEFAULT_CONTEXT) {
    // docker parity: cli@28.2 cli/context/store/metadatastore.go — contexts are stored under sha256(name)
    const dir = join(env.DOCKER_CONFIG || join(env.HOME ?? '', '.docker'), 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    throw notFound('no-such-context', `context "${name}": context not found: open ${join(dir, 'meta.json')}: no such file or directory`);
  }
  return {
    Name: DEFAULT_CONTEXT, Metadata: {}, Endpoints: { docker: { Host: dockerEndpoint(env), SkipTLSVerify: false } },
    TLSMaterial: {}, Storage: { MetadataPath: '<IN MEMORY>', TLSPath: '<IN MEMORY>' },
  };
}
