import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configLocation, readConfig } from './config-file.js';
import type { HelperRunner } from './helper.js';
import { CredentialStore } from './store.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'skiff-cred-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const store = (runner?: HelperRunner) => new CredentialStore(configLocation({ DOCKER_CONFIG: join(dir, 'cfg') }, '/nonexistent'), { env: { PATH: '' }, runner });

describe('Docker config.json credentials', () => {
  it('stores as docker login does: tab-indented, mode 0600, std base64 of user:password', async () => {
    const s = store();
    expect(await s.store('127.0.0.1:5000', { username: 'a', password: 'b' })).toEqual({ kind: 'file', path: join(dir, 'cfg', 'config.json'), changed: true, password: true });
    expect((await s.store('127.0.0.1:5000', { username: 'a', password: 'b' })).kind === 'file' && (await s.store('127.0.0.1:5000', { username: 'a', password: 'b' }) as { changed: boolean }).changed).toBe(false);
    expect(readFileSync(join(dir, 'cfg', 'config.json'), 'utf8')).toBe('{\n\t"auths": {\n\t\t"127.0.0.1:5000": {\n\t\t\t"auth": "YTpi"\n\t\t}\n\t}\n}');
    expect(statSync(join(dir, 'cfg', 'config.json')).mode & 0o777).toBe(0o600);
    expect(await s.get('127.0.0.1:5000')).toEqual({ username: 'a', password: 'b' });
    await s.erase(['127.0.0.1:5000', 'http://127.0.0.1:5000']);
    expect(readFileSync(join(dir, 'cfg', 'config.json'), 'utf8')).toBe('{\n\t"auths": {}\n}');
  });

  it('keeps unknown keys, finds legacy keys with a scheme, and prefers identity tokens', async () => {
    mkdirSync(join(dir, 'cfg'));
    writeFileSync(join(dir, 'cfg', 'config.json'), JSON.stringify({ psFormat: '{{.ID}}', auths: { 'https://r.example/v1/': { auth: Buffer.from('u:p:with:colons').toString('base64') }, 'q.example': { auth: Buffer.from('u:').toString('base64'), identitytoken: 'tok' } } }));
    const s = store();
    expect(await s.get('r.example')).toEqual({ username: 'u', password: 'p:with:colons' });
    expect(await s.get('q.example')).toEqual({ username: 'u', identityToken: 'tok' });
    await s.store('z.example', { username: 'x', identityToken: 'refresh' });
    const cfg = readConfig(configLocation({ DOCKER_CONFIG: join(dir, 'cfg') }, '/'));
    expect(cfg.psFormat).toBe('{{.ID}}');
    expect(cfg.auths!['z.example']).toEqual({ auth: Buffer.from('x:').toString('base64'), identitytoken: 'refresh' });
  });

  it('goes through credHelpers / credsStore programs, leaving an empty auths entry in the file', async () => {
    mkdirSync(join(dir, 'cfg'));
    writeFileSync(join(dir, 'cfg', 'config.json'), JSON.stringify({ credsStore: 'secure', credHelpers: { 'h.example': 'special' } }));
    const calls: string[] = [];
    const secrets = new Map<string, string>();
    const runner: HelperRunner = async (program, verb, input) => {
      calls.push(`${program} ${verb}`);
      if (verb === 'store') { const c = JSON.parse(input); secrets.set(c.ServerURL, JSON.stringify(c)); return { exitCode: 0, stdout: '', stderr: '' }; }
      if (verb === 'get') return secrets.has(input) ? { exitCode: 0, stdout: secrets.get(input)!, stderr: '' } : { exitCode: 1, stdout: 'credentials not found in native keychain\n', stderr: '' };
      secrets.delete(input);
      return { exitCode: 0, stdout: '', stderr: '' };
    };
    const s = store(runner);
    expect(await s.store('r.example', { username: 'a', password: 'b' })).toEqual({ kind: 'helper', name: 'secure' });
    expect(await s.get('r.example')).toEqual({ username: 'a', password: 'b' });
    await s.store('h.example', { username: 'x', identityToken: 'tok' });
    expect(await s.get('h.example')).toEqual({ identityToken: 'tok' });
    expect(await s.get('none.example')).toEqual({});
    expect(calls).toContain('docker-credential-special store');
    expect(readConfig(configLocation({ DOCKER_CONFIG: join(dir, 'cfg') }, '/')).auths).toEqual({ 'r.example': {}, 'h.example': {} });
  });

  it('names a missing helper program as docker does', async () => {
    mkdirSync(join(dir, 'cfg'));
    writeFileSync(join(dir, 'cfg', 'config.json'), JSON.stringify({ credsStore: 'nope-skiff' }));
    await expect(store().get('r.example')).rejects.toThrow('exec: "docker-credential-nope-skiff": executable file not found in $PATH');
  });
});
