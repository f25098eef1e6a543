// `docker login` / `docker logout` without a daemon: credentials are checked against the registry
// itself (GET /v2/ through its challenge) and kept in the user's Docker config or credential helper.
import type { AuthConfig } from '../../registry/auth.js';
import { RegistryClient } from '../../registry/client.js';
import type { StoredIn } from '../../registry/credentials/store.js';
import { hostnameOf } from '../../registry/credentials/store.js';
import { DOCKER_HUB_INDEX, normalizeServer } from '../../registry/hosts.js';
import type { RegistryAccess } from './registry-access.js';

export interface LoginOptions { server?: string; username: string; password: string }
export interface LoginReport { status: 'Login Succeeded'; storedIn: StoredIn; serverKey: string }

/** The key credentials go under: Docker Hub's legacy index URL, else the bare host[:port]. */
export function serverKeyOf(server: string | undefined): string {
  if (!server || normalizeServer(server) === 'docker.io') return DOCKER_HUB_INDEX;
  return hostnameOf(server);
}

/** Check credentials with the registry; returns the identity token it handed out, if any. */
export async function verifyLogin(access: RegistryAccess, server: string | undefined, auth: AuthConfig): Promise<{ identityToken?: string }> {
  const client = await RegistryClient.connect(normalizeServer(server ?? ''), access.config, auth);
  try {
    return await client.login();
  } finally {
    await client.close();
  }
}

export async function loginRegistry(access: RegistryAccess, opts: LoginOptions): Promise<LoginReport> {
  const auth: AuthConfig = { username: opts.username, password: opts.password };
  const { identityToken } = await verifyLogin(access, opts.server, auth);
  const serverKey = serverKeyOf(opts.server);
  // A refresh token replaces the password in the store, as docker/cli does.
  const stored: AuthConfig = identityToken ? { username: opts.username, identityToken } : auth;
  const storedIn = await access.credentials!.store(serverKey, stored);
  return { status: 'Login Succeeded', storedIn, serverKey };
}

/** The stored credentials for a server (for `login` without -u/-p), if complete. */
export async function storedCredentials(access: RegistryAccess, server: string | undefined): Promise<AuthConfig | undefined> {
  const auth = await access.credentials!.get(serverKeyOf(server));
  return auth.username && auth.password ? auth : undefined;
}

/** Remove the credentials under every spelling docker/cli ever stored them under; returns the shown name. */
export async function logoutRegistry(access: RegistryAccess, server: string | undefined): Promise<string> {
  if (!server) {
    await access.credentials!.erase([DOCKER_HUB_INDEX]);
    return DOCKER_HUB_INDEX;
  }
  const host = hostnameOf(server);
  // docker parity: docker/cli cli/command/registry/logout.go (legacy formats kept for compatibility)
  await access.credentials!.erase([...new Set([server, host, `http://${host}`, `https://${host}`])]);
  return host;
}
