// login/logout and authenticated pull/push against private docker-registry instances: htpasswd Basic
// auth, token auth (with refresh tokens), TLS with a private CA and client certificates, credential
// helpers, and the rootless user's own config. Compared with docker wherever docker can do the same.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePki, makeSigningCert } from '../../../../fixtures/images/test-certs.js';
import { htpasswdLine, registryAvailable, startRegistry, type TestRegistry } from '../../../../fixtures/images/test-registry.js';
import { startTokenServer, type TokenServer } from '../../../../fixtures/images/token-server.js';
import { busyboxArchive, rootlessAvailable, rootlessTarget, rootTarget, uniqueName } from '../../../test-support/cli.js';
import { dockerAvailable, dockerTarget, scratchDir } from '../../../test-support/paired.js';

const docker = dockerTarget();
const skiff = rootTarget();
const ready = registryAvailable() && dockerAvailable();

/** Each engine with a config dir of its own; paths normalised in the output. */
function engines() {
  const dcfg = scratchDir('docker-cfg-');
  const scfg = scratchDir('skiff-cfg-');
  const run = async (who: 'd' | 's', args: string[], input?: string) => {
    const cfg = who === 'd' ? dcfg : scfg;
    const r = await (who === 'd' ? docker : skiff).run(args, { env: { DOCKER_CONFIG: cfg }, input });
    return { code: r.code, stdout: r.stdout.split(cfg).join('<cfg>'), stderr: r.stderr.split(cfg).join('<cfg>') };
  };
  const both = async (args: string[], input?: string) => ({ d: await run('d', args, input), s: await run('s', args, input) });
  const config = (who: 'd' | 's') => readFileSync(join(who === 'd' ? dcfg : scfg, 'config.json'), 'utf8');
  return { run, both, config, dcfg, scfg };
}

beforeAll(async () => {
  if (ready) expect((await skiff.run(['load', '-q', '-i', await busyboxArchive()])).code).toBe(0);
});

describe.skipIf(!ready)('htpasswd (Basic) registry', () => {
  let reg: TestRegistry;
  beforeAll(async () => { reg = await startRegistry({ htpasswd: await htpasswdLine('alice', 'secret') }); });
  afterAll(async () => { await reg?.stop(); });

  it('logs in, pushes, pulls and logs out as docker does, config.json byte for byte', async () => {
    const e = engines();
    const ref = `${reg.host}/alice/${uniqueName('b')}:v1`;
    const steps: Array<[string[], string?]> = [
      [['login', '-u', 'alice', '-p', 'wrong', reg.host]],
      [['login', '-u', 'alice', '-p', 'secret', reg.host]],
      [['login', reg.host]],
      [['login', '-u', 'alice', '--password-stdin', reg.host], 'secret\n'],
      [['login', '-u', 'alice', '-p', 'x', '--password-stdin', reg.host], 'secret\n'],
      [['login', '--password-stdin', reg.host], 'secret\n'],
      [['login', '-u', '', '-p', 'x', reg.host]],
    ];
    for (const [args, input] of steps) {
      const { d, s } = await e.both(args, input);
      expect({ args, ...s }).toEqual({ args, ...d });
    }
    expect(e.config('s')).toBe(e.config('d'));
    expect(statSync(join(e.scfg, 'config.json')).mode & 0o777).toBe(0o600);
    for (const w of ['d', 's'] as const) await e.run(w, ['tag', 'busybox:latest', ref]);
    const push = await e.both(['push', '-q', ref]);
    expect(push.s).toEqual(push.d);
    await e.both(['rmi', ref]);
    const pull = await e.both(['pull', '-q', ref]);
    expect(pull.s).toEqual(pull.d);
    const out = await e.both(['logout', reg.host]);
    expect(out.s).toEqual(out.d);
    expect(e.config('s')).toBe(e.config('d'));
    for (const args of [['pull', ref], ['push', ref], ['logout', reg.host]]) {
      const { d, s } = await e.both(args);
      expect({ args, ...s }).toEqual({ args, ...d });
    }
    await docker.run(['rmi', '-f', ref]);
  });
});

describe.skipIf(!ready)('token auth registry', () => {
  let reg: TestRegistry;
  let tokens: TokenServer;
  beforeAll(async () => {
    const signing = makeSigningCert();
    tokens = await startTokenServer({ cert: signing.cert, key: signing.key, users: { alice: 'secret' } });
    reg = await startRegistry({ token: { realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, rootCertBundle: signing.cert } });
  });
  afterAll(async () => { await reg?.stop(); await tokens?.stop(); });

  it('stores the refresh token as docker does and uses it for push; anonymous pulls only what is public', async () => {
    const e = engines();
    const name = uniqueName('t');
    const wrong = await e.both(['login', '-u', 'alice', '--password-stdin', reg.host], 'nope\n');
    expect(wrong.s).toEqual(wrong.d);
    const ok = await e.both(['login', '-u', 'alice', '--password-stdin', reg.host], 'secret\n');
    expect(ok.s).toEqual(ok.d);
    const stored = JSON.parse(e.config('s')).auths[reg.host];
    expect(Object.keys(stored).sort()).toEqual(['auth', 'identitytoken']);
    expect(stored.auth).toBe(Buffer.from('alice:').toString('base64'));
    for (const repo of ['alice', 'public']) {
      const ref = `${reg.host}/${repo}/${name}:v1`;
      await skiff.run(['tag', 'busybox:latest', ref]);
      const push = await e.run('s', ['push', ref]);
      expect(push.code).toBe(0);
      await skiff.run(['rmi', ref]);
    }
    expect(tokens.requests.some((r) => r.method === 'POST' && r.form?.grant_type === 'refresh_token')).toBe(true);
    await e.both(['logout', reg.host]);
    const anon = await e.run('s', ['pull', '-q', `${reg.host}/public/${name}:v1`]);
    expect(anon).toEqual({ code: 0, stdout: `${reg.host}/public/${name}:v1\n`, stderr: '' });
    const denied = await e.both(['pull', `${reg.host}/alice/${name}:v1`]);
    expect(denied.s).toEqual(denied.d);
    expect(denied.s.stderr).toContain('pull access denied');
    await docker.run(['rmi', '-f', `${reg.host}/public/${name}:v1`]);
  });

  it('mounts across repositories with a token for both scopes', async () => {
    const e = engines();
    const name = uniqueName('m');
    await e.run('s', ['login', '-u', 'alice', '--password-stdin', reg.host], 'secret\n');
    for (const repo of ['src', 'dst']) await skiff.run(['tag', 'busybox:latest', `${reg.host}/alice/${name}-${repo}:v1`]);
    expect((await e.run('s', ['push', `${reg.host}/alice/${name}-src:v1`])).code).toBe(0);
    const dst = await e.run('s', ['push', `${reg.host}/alice/${name}-dst:v1`]);
    expect(dst.stdout).toContain(`: Mounted from alice/${name}-src`);
    const scopes = tokens.requests.filter((r) => r.method === 'POST' && r.form?.scope?.includes(`alice/${name}-src:pull`) && r.form.scope.includes(`alice/${name}-dst:push,pull`));
    expect(scopes.length).toBeGreaterThan(0);
  });
});

const hostIp = Object.values(networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address;

describe.skipIf(!ready || !hostIp)('TLS registry (private CA, client certificates)', () => {
  let reg: TestRegistry;
  let mtls: TestRegistry;
  let pki: ReturnType<typeof makePki>;
  let certsD: string;
  beforeAll(async () => {
    pki = makePki(hostIp!);
    reg = await startRegistry({ host: hostIp, tls: { cert: pki.serverCert, key: pki.serverKey } });
    mtls = await startRegistry({ host: hostIp, tls: { cert: pki.serverCert, key: pki.serverKey, clientCa: pki.caCert } });
    certsD = scratchDir('skiff-certsd-');
  });
  afterAll(async () => { await reg?.stop(); await mtls?.stop(); rmSync(pki?.dir ?? '/nonexistent', { recursive: true, force: true }); });

  const withCa = (host: string, client: boolean) => {
    const dir = join(certsD, host);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ca.crt'), readFileSync(pki.caCert));
    if (client) { writeFileSync(join(dir, 'client.cert'), readFileSync(pki.clientCert)); writeFileSync(join(dir, 'client.key'), readFileSync(pki.clientKey)); }
  };

  it('refuses an unknown CA as docker does, and works once certs.d has it', async () => {
    const ref = `${reg.host}/tls/${uniqueName('x')}:v1`;
    const { d, s } = { d: await docker.run(['pull', ref]), s: await skiff.run(['pull', ref], { env: { SKIFF_CERTS_D: certsD } }) };
    expect(s).toEqual(d);
    expect(s.stderr).toContain('x509: certificate signed by unknown authority');
    withCa(reg.host, false);
    await skiff.run(['tag', 'busybox:latest', ref]);
    const push = await skiff.run(['push', '-q', ref], { env: { SKIFF_CERTS_D: certsD } });
    expect(push).toEqual({ code: 0, stdout: `${ref}\n`, stderr: '' });
    await skiff.run(['rmi', ref]);
    expect((await skiff.run(['pull', '-q', ref], { env: { SKIFF_CERTS_D: certsD } })).code).toBe(0);
  });

  it('presents the client certificate from certs.d when the registry asks for one', async () => {
    const ref = `${mtls.host}/mtls/${uniqueName('y')}:v1`;
    await skiff.run(['tag', 'busybox:latest', ref]);
    withCa(mtls.host, false);
    expect((await skiff.run(['push', ref], { env: { SKIFF_CERTS_D: certsD } })).code).toBe(1);
    withCa(mtls.host, true);
    expect((await skiff.run(['push', '-q', ref], { env: { SKIFF_CERTS_D: certsD } })).code).toBe(0);
  });
});

describe.skipIf(!ready)('credential helpers', () => {
  it('stores through credsStore as docker does, with no unencrypted warning', async () => {
    const reg = await startRegistry({ htpasswd: await htpasswdLine('bob', 'pw') });
    try {
      const e = engines();
      const bin = scratchDir('skiff-helper-');
      const store = join(bin, 'store');
      mkdirSync(store);
      chmodSync(store, 0o777);
      const helper = join(bin, 'docker-credential-skifftest');
      writeFileSync(helper, `#!/bin/sh\nf="${store}/$(echo -n "\${1}" | tr -c 'a-z' _)"\ncase "$1" in\n store) cat > "${store}/last"; sed 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/' "${store}/last" > "${store}/url"; cp "${store}/last" "${store}/$(cat ${store}/url | tr -c 'a-z0-9' _)";;\n get) k=$(cat | tr -c 'a-z0-9' _); if [ -f "${store}/$k" ]; then sed 's/"ServerURL":"[^"]*",//' "${store}/$k"; else echo "credentials not found in native keychain"; exit 1; fi;;\n erase) k=$(cat | tr -c 'a-z0-9' _); rm -f "${store}/$k";;\nesac\n`);
      chmodSync(helper, 0o755);
      for (const dir of [e.dcfg, e.scfg]) writeFileSync(join(dir, 'config.json'), JSON.stringify({ credsStore: 'skifftest' }));
      const env = { PATH: `${bin}:${process.env.PATH}` };
      const d = await docker.run(['login', '-u', 'bob', '--password-stdin', reg.host], { input: 'pw\n', env: { ...env, DOCKER_CONFIG: e.dcfg } });
      const s = await skiff.run(['login', '-u', 'bob', '--password-stdin', reg.host], { input: 'pw\n', env: { ...env, DOCKER_CONFIG: e.scfg } });
      expect(s).toEqual(d);
      expect(s.stderr).toBe('');
      expect(e.config('s')).toBe(e.config('d'));
      const ref = `${reg.host}/bob/${uniqueName('h')}:v1`;
      await skiff.run(['tag', 'busybox:latest', ref]);
      expect((await skiff.run(['push', '-q', ref], { env: { ...env, DOCKER_CONFIG: e.scfg } })).code).toBe(0);
      expect(existsSync(join(store, reg.host.replace(/[^a-z0-9]/g, '_')))).toBe(true);
    } finally {
      await reg.stop();
    }
  });
});

describe.skipIf(!ready || !rootlessAvailable())('rootless', () => {
  it('keeps credentials in the user\'s own ~/.docker/config.json and pulls into the user\'s storage', async () => {
    const reg = await startRegistry({ htpasswd: await htpasswdLine('carol', 'pw') });
    const user = rootlessTarget();
    try {
      const ref = `${reg.host}/carol/${uniqueName('r')}:v1`;
      await skiff.run(['tag', 'busybox:latest', ref]);
      const cfgRoot = scratchDir('root-cfg-');
      await skiff.run(['login', '-u', 'carol', '--password-stdin', reg.host], { input: 'pw\n', env: { DOCKER_CONFIG: cfgRoot } });
      expect((await skiff.run(['push', '-q', ref], { env: { DOCKER_CONFIG: cfgRoot } })).code).toBe(0);
      // The user has no credentials yet: root's login is not theirs.
      expect((await user.run(['pull', '-q', ref], { timeoutMs: 120_000 })).stderr).toContain('no basic auth credentials');
      const login = await user.run(['login', '-u', 'carol', '--password-stdin', reg.host], { input: 'pw\n' });
      expect(login.code).toBe(0);
      expect(login.stdout).toBe('Login Succeeded\n');
      const home = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('skiffuser:'))!.split(':')[5]!;
      const st = statSync(join(home, '.docker', 'config.json'));
      expect([st.uid, st.mode & 0o777]).toEqual([user.uid, 0o600]);
      const pull = await user.run(['pull', '-q', ref], { timeoutMs: 120_000 });
      expect(pull).toEqual({ code: 0, stdout: `${ref}\n`, stderr: '' });
      const run = await user.run(['run', '--rm', ref, 'echo', 'rootless-pulled'], { timeoutMs: 120_000 });
      expect(run.stdout).toBe('rootless-pulled\n');
      await user.run(['rmi', ref]);
      expect((await user.run(['logout', reg.host])).stdout).toBe(`Removing login credentials for ${reg.host}\n`);
    } finally {
      await reg.stop();
    }
  });
});
