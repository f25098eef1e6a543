// How domain verbs reach registries: the registry settings plus either explicit credentials (what the
// API's X-Registry-Auth carries) or the user's credential store (config.json and its helpers).
import type { AuthConfig } from '../../registry/auth.js';
import { RegistryClient } from '../../registry/client.js';
import { configLocation } from '../../registry/credentials/config-file.js';
import { CredentialStore } from '../../registry/credentials/store.js';
import { credentialKeyOf, registryConfigFrom, type RegistryConfig } from '../../registry/hosts.js';

export interface RegistryAccess {
  config: RegistryConfig;
  /** Credentials chosen by the caller; when absent they are looked up in `credentials`. */
  auth?: AuthConfig;
  credentials?: CredentialStore;
}

/** The access a CLI process has: settings from its environment, the user's Docker config. */
export function registryAccessFrom(env: NodeJS.ProcessEnv, identity: { rootless: boolean; home: string }): RegistryAccess {
  return {
    config: registryConfigFrom(env, identity),
    credentials: new CredentialStore(configLocation(env, identity.home), { env }),
  };
}

export async function credentialsFor(access: RegistryAccess, domain: string): Promise<AuthConfig> {
  if (access.auth) return access.auth;
  return (await access.credentials?.get(credentialKeyOf(domain))) ?? {};
}

export async function connectRegistry(access: RegistryAccess, domain: string): Promise<RegistryClient> {
  return RegistryClient.connect(domain, access.config, await credentialsFor(access, domain));
}
