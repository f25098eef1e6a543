import type { CliIO, CommandContext, CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { currentIdentity } from '../../../config/identity.js';
import { isEngineError } from '../../../errors.js';
import { loginRegistry, logoutRegistry, serverKeyOf, storedCredentials, verifyLogin } from '../../../domain/images/login.js';
import { registryAccessFrom, type RegistryAccess } from '../../../domain/images/registry-access.js';
import { daemonError } from '../../exit.js';

// Credentials live in the user's Docker config, so these commands never open the engine's storage.
const accessOf = (ctx: CommandContext): RegistryAccess => registryAccessFrom(ctx.io.env, currentIdentity(ctx.io.env));

// docker parity: docker/cli cli/command/registry/login.go verifyLoginFlags
function checkFlags(ctx: CommandContext): void {
  const c = ctx.changed;
  if (c.has('password-stdin')) {
    if (c.has('password')) throw new StatusError('conflicting options: cannot specify both --password and --password-stdin', 1);
    if (!c.has('username')) throw new StatusError('the --password-stdin option requires --username to be set', 1);
  }
  if (c.has('username') && !ctx.flags.username) throw new StatusError('username is empty', 1);
  if (c.has('password') && !ctx.flags.password) throw new StatusError('password is empty', 1);
}

async function readAll(io: CliIO): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of io.stdin) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts).toString('utf8').replace(/\n$/, '').replace(/\r$/, '');
}

/** One line from a terminal; without echo for secrets. */
async function prompt(io: CliIO, label: string, secret: boolean): Promise<string> {
  io.stdout.write(label);
  if (secret) io.stdin.setRawMode?.(true);
  let text = '';
  try {
    for await (const chunk of io.stdin) {
      for (const ch of Buffer.from(chunk as Buffer).toString('utf8')) {
        if (ch === '\r' || ch === '\n') return text;
        if (ch === '\u0003') throw new StatusError('', 130);
        text = ch === '\u007f' ? text.slice(0, -1) : text + ch;
      }
    }
    return text;
  } finally {
    if (secret) { io.stdin.setRawMode?.(false); io.stdout.write('\n'); }
  }
}

// docker parity: docker/cli cli/command/registry/login.go (texts of the hints and warnings)
const UNENCRYPTED = (path: string) => `\nWARNING! Your credentials are stored unencrypted in '${path}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`;
const EXISTING_NOTE = "\n Info -> To login with a different account, run 'docker logout' followed by 'docker login'\n\n\n";

const login: CommandSpec = {
  path: 'login', usage: '[OPTIONS] [SERVER]', description: 'Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.',
  args: { max: 1 },
  flags: [
    { name: 'password', short: 'p', type: 'string', usage: 'Password or Personal Access Token (PAT)' },
    { name: 'password-stdin', type: 'bool', usage: 'Take the Password or Personal Access Token (PAT) from stdin' },
    { name: 'username', short: 'u', type: 'string', usage: 'Username' },
  ],
  async run(ctx) {
    checkFlags(ctx);
    let username = ctx.flags.username as string;
    let password = ctx.flags.password as string;
    if (password) ctx.io.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
    if (ctx.flags['password-stdin']) password = await readAll(ctx.io);
    const server = ctx.args[0];
    const access = accessOf(ctx);
    const fail = (e: unknown): never => { throw isEngineError(e) ? new StatusError(daemonError(e), 1) : e; };
    if (!username && !password) {
      const stored = await storedCredentials(access, server).catch(() => undefined);
      if (stored) {
        ctx.io.stderr.write(`Authenticating with existing credentials... [Username: ${stored.username}]\n${EXISTING_NOTE}`);
        const ok = await verifyLogin(access, server, stored).then(async (r) => {
          // A refresh token from the realm replaces the stored password, as after any docker login.
          if (r.identityToken) await access.credentials!.store(serverKeyOf(server), { username: stored.username, identityToken: r.identityToken });
          return true;
        }, (e: unknown) => {
          ctx.io.stderr.write(isEngineError(e, 'permission-denied') ? 'Stored credentials invalid or expired\n' : `Login did not succeed, error: ${daemonError(e)}\n`);
          return false;
        });
        if (ok) { ctx.io.stdout.write('Login Succeeded\n'); return 0; }
        username = stored.username ?? '';
      }
    }
    if (!username || !password) {
      if (!ctx.io.stdin.isTTY) throw new StatusError('Error: Cannot perform an interactive login from a non TTY device', 1);
      if (!username) username = (await prompt(ctx.io, 'Username: ', false)).trim();
      if (!username) throw new StatusError('Error: Non-null Username Required', 1);
      password = await prompt(ctx.io, 'Password: ', true);
      if (!password) throw new StatusError('Error: Password Required', 1);
    }
    const report = await loginRegistry(access, { server, username, password }).catch(fail);
    // docker parity: the warning comes only when a password (not a token) was written to the file
    if (report.storedIn.kind === 'file' && report.storedIn.changed && report.storedIn.password) ctx.io.stderr.write(UNENCRYPTED(report.storedIn.path));
    ctx.io.stdout.write(`${report.status}\n`);
    return 0;
  },
};

const logout: CommandSpec = {
  path: 'logout', usage: '[SERVER]', description: 'Log out from a registry.\nIf no server is specified, the default is defined by the daemon.',
  args: { max: 1 }, flags: [],
  async run(ctx) {
    const access = accessOf(ctx);
    const shown = await logoutRegistry(access, ctx.args[0]);
    ctx.io.stdout.write(`Removing login credentials for ${shown}\n`);
    return 0;
  },
};

export default [login, logout];
