// Docker's client config file: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. Unknown keys
// are kept as they are; the file is rewritten atomically with mode 0600 and Go's tab indentation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../errors.js';
import { ensureDir, writeFileAtomic } from '../../sys/fs.js';

export interface AuthEntry { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string; email?: string }

export interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

export interface ConfigLocation { dir: string; file: string }

export function configLocation(env: NodeJS.ProcessEnv, home: string): ConfigLocation {
  const dir = env.DOCKER_CONFIG || join(home, '.docker');
  return { dir, file: join(dir, 'config.json') };
}

// docker parity: docker/cli cli/config/configfile/file.go LoadFromReader
export function readConfig(loc: ConfigLocation): DockerConfig {
  let text: string;
  try {
    text = readFileSync(loc.file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw e;
  }
  if (text.trim() === '') return {};
  try {
    const doc = JSON.parse(text) as DockerConfig;
    return doc && typeof doc === 'object' ? doc : {};
  } catch (e) {
    throw new EngineError('invalid-argument', 'bad-config-file', `loading config file: ${loc.file}: ${(e as Error).message}`);
  }
}

/** Go's json.MarshalIndent with a tab, and its HTML-safe escapes. */
export function renderConfig(cfg: DockerConfig): string {
  const ordered: DockerConfig = { auths: cfg.auths ?? {}, ...cfg };
  return JSON.stringify(ordered, null, '\t').replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

export function writeConfig(loc: ConfigLocation, cfg: DockerConfig): void {
  ensureDir(loc.dir, 0o700);
  writeFileAtomic(loc.file, renderConfig(cfg), 0o600);
}

export const encodeAuth = (username: string, password: string) => Buffer.from(`${username}:${password}`).toString('base64');

/** `auth` is std base64 of "user:password" (the password may itself contain colons). */
export function decodeAuth(auth: string): { username: string; password: string } {
  const text = Buffer.from(auth, 'base64').toString('utf8');
  const i = text.indexOf(':');
  if (i < 0) throw new EngineError('invalid-argument', 'bad-auth', 'invalid auth configuration file');
  return { username: text.slice(0, i), password: text.slice(i + 1) };
}
