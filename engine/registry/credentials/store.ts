// Credentials for a registry, looked up as docker/cli does: credHelpers[server], else credsStore
// (else the platform default helper if installed), else the config file's `auths`. A helper's
// Username "<token>" means the Secret is an identity (refresh) token.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { AuthConfig } from '../auth.js';
import { decodeAuth, encodeAuth, readConfig, writeConfig, type ConfigLocation, type DockerConfig } from './config-file.js';
import { CredentialHelper, type HelperRunner } from './helper.js';

const TOKEN_USER = '<token>';

export interface CredentialStoreOptions { env: NodeJS.ProcessEnv; runner?: HelperRunner }

/** Where `login` put the secret: a helper's name, or the file (then Docker warns it is unencrypted). */
export type StoredIn = { kind: 'helper'; name: string } | { kind: 'file'; path: string; changed: boolean; password: boolean };

export class CredentialStore {
  constructor(readonly location: ConfigLocation, private readonly opts: CredentialStoreOptions) {}

  private config(): DockerConfig { return readConfig(this.location); }

  /** The helper for this server, if any (explicit, configured store, or platform default). */
  helperFor(cfg: DockerConfig, server: string): CredentialHelper | undefined {
    const name = cfg.credHelpers?.[server] || cfg.credsStore || defaultStore(this.opts.env);
    return name ? new CredentialHelper(name, this.opts.runner) : undefined;
  }

  async get(server: string): Promise<AuthConfig> {
    const cfg = this.config();
    const helper = this.helperFor(cfg, server);
    if (helper) {
      const c = await helper.get(server);
      if (!c) return {};
      return c.Username === TOKEN_USER ? { identityToken: c.Secret } : { username: c.Username, password: c.Secret };
    }
    const auths = cfg.auths ?? {};
    // docker parity: docker/cli credentials/file_store.go (legacy keys with a scheme or path)
    const entry = auths[server] ?? Object.entries(auths).find(([k]) => hostnameOf(k) === hostnameOf(server))?.[1];
    if (!entry) return {};
    const out: AuthConfig = {};
    if (entry.auth) Object.assign(out, decodeAuth(entry.auth));
    if (entry.username && !out.username) out.username = entry.username;
    if (entry.password && !out.password) out.password = entry.password;
    if (entry.identitytoken) { out.identityToken = entry.identitytoken; delete out.password; }
    if (entry.registrytoken) out.registryToken = entry.registrytoken;
    return out;
  }

  async store(server: string, auth: AuthConfig): Promise<StoredIn> {
    const cfg = this.config();
    const helper = this.helperFor(cfg, server);
    cfg.auths ??= {};
    if (helper) {
      await helper.store(auth.identityToken
        ? { ServerURL: server, Username: TOKEN_USER, Secret: auth.identityToken }
        : { ServerURL: server, Username: auth.username ?? '', Secret: auth.password ?? '' });
      cfg.auths[server] = {};
      writeConfig(this.location, cfg);
      return { kind: 'helper', name: helper.name };
    }
    const secret = auth.identityToken ? '' : auth.password ?? '';
    const entry = {
      ...(auth.username || secret ? { auth: encodeAuth(auth.username ?? '', secret) } : {}),
      ...(auth.identityToken ? { identitytoken: auth.identityToken } : {}),
    };
    // docker parity: docker/cli credentials/file_store.go leaves the file alone when nothing changed
    const changed = JSON.stringify(cfg.auths[server] ?? null) !== JSON.stringify(entry);
    cfg.auths[server] = entry;
    if (changed) writeConfig(this.location, cfg);
    return { kind: 'file', path: this.location.file, changed, password: secret !== '' };
  }

  /** Remove the credentials under each of `servers` (logout tries the legacy spellings too). */
  async erase(servers: string[]): Promise<void> {
    const cfg = this.config();
    let changed = false;
    for (const server of servers) {
      const helper = this.helperFor(cfg, server);
      if (helper) await helper.erase(server).catch(() => undefined);
      if (cfg.auths && server in cfg.auths) { delete cfg.auths[server]; changed = true; }
    }
    if (changed) writeConfig(this.location, cfg);
  }
}

/** docker/cli ConvertToHostname: drop the scheme and any path. */
export const hostnameOf = (url: string) => url.replace(/^https?:\/\//, '').split('/')[0]!;

// docker parity: docker/cli cli/config/credentials/default_store_linux.go
function defaultStore(env: NodeJS.ProcessEnv): string | undefined {
  const name = onPath('pass', env) ? 'pass' : 'secretservice';
  return onPath(`docker-credential-${name}`, env) ? name : undefined;
}

function onPath(program: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try { accessSync(join(dir, program), constants.X_OK); return true; } catch { /* next */ }
  }
  return false;
}
