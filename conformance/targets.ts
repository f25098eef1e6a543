// Targets are docker-compatible tools: a CLI (and optionally an Engine API socket). The reference is
// Docker; candidates are given as NAME=CLI[,socket=PATH|,serve][,rootless]. Tool-agnostic by construction:
// nothing here knows about skiff or podman.
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { execa } from 'execa';
import type { Requirement } from './scenario/types.js';

export interface Target {
  name: string;
  role: 'reference' | 'candidate';
  /** What to spawn: the CLI (a .js file is run with this node) and any fixed leading arguments. */
  command: string[];
  /** How the CLI is written in reproduction commands. */
  displayCommand: string;
  socket?: string;
  env: Record<string, string>;
  rootless: boolean;
  /** Start `CLI system service` on a private socket for the run (the `serve` option). */
  serve?: boolean;
}

export const DOCKER_SOCKET = '/var/run/docker.sock';

export function parseTarget(spec: string, role: Target['role']): Target {
  if (spec === 'docker' || spec.startsWith('docker,')) spec = `docker=docker,socket=${DOCKER_SOCKET}${spec.slice(6)}`;
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new Error(`target "${spec}" must look like NAME=CLI[,socket=PATH|,serve][,rootless] (or just "docker")`);
  const name = spec.slice(0, eq);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`target name "${name}" must be [A-Za-z0-9._-]`);
  const [cli, ...opts] = spec.slice(eq + 1).split(',');
  const words = cli!.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new Error(`target "${name}" has no CLI`);
  const target: Target = { name, role, command: [], displayCommand: cli!.trim(), env: { ...process.env } as Record<string, string>, rootless: false };
  for (const opt of opts) {
    const [k, v] = opt.split('=', 2) as [string, string | undefined];
    if (k === 'socket' && v) target.socket = v.replace(/^unix:\/\//, '');
    else if (k === 'rootless') target.rootless = true;
    else if (k === 'serve') target.serve = true;
    else throw new Error(`target "${name}": unknown option "${opt}" (known: socket=PATH, serve, rootless)`);
  }
  const [file, ...rest] = words;
  const looksLikePath = file!.includes('/') || file!.endsWith('.js');
  const abs = looksLikePath && !isAbsolute(file!) ? resolve(file!) : file!;
  target.command = abs.endsWith('.js') ? [process.execPath, abs, ...rest] : [abs, ...rest];
  // The Docker CLI talks to the reference daemon explicitly when it is not the default one (setting
  // DOCKER_HOST to the default would change what the CLI prints, e.g. `context ls` warns about it).
  const defaultSocket = target.socket === '/var/run/docker.sock' || target.socket === '/run/docker.sock';
  if (target.socket && !defaultSocket && target.command[0]!.endsWith('docker')) target.env.DOCKER_HOST = `unix://${target.socket}`;
  if (defaultSocket && target.command[0]!.endsWith('docker')) delete target.env.DOCKER_HOST;
  return target;
}

export interface TargetInfo {
  name: string;
  role: Target['role'];
  command: string;
  /** `CLI --version`, the server version the CLI reports, and the API's /version when there is a socket. */
  clientVersion?: string;
  serverVersion?: string;
  apiVersion?: string;
  prepared: boolean;
  prepareMessage?: string;
}

const run = (t: Target, args: string[], timeout = 60_000) =>
  execa(t.command[0]!, [...t.command.slice(1), ...args], { env: t.env, reject: false, timeout, stdin: 'ignore' });

/** Loads the test image archive into the target; failures are reported, not thrown. */
export async function prepareTarget(t: Target, archive: string): Promise<TargetInfo> {
  const info: TargetInfo = { name: t.name, role: t.role, command: t.displayCommand, prepared: false };
  const script = t.command[0] === process.execPath ? t.command[1]! : t.command[0]!;
  if (isAbsolute(script) && !existsSync(script)) {
    info.prepareMessage = `cannot run ${t.displayCommand}: ${script} does not exist (build it first)`;
    return info;
  }
  const version = await run(t, ['--version'], 20_000);
  if (version.exitCode === undefined) {
    info.prepareMessage = `cannot run ${t.displayCommand}: ${version.shortMessage}`;
    return info;
  }
  info.clientVersion = String(version.stdout).trim().split('\n')[0] || String(version.stderr).trim().split('\n')[0];
  const server = await run(t, ['version', '--format', '{{.Server.Version}}'], 20_000);
  if (server.exitCode === 0) info.serverVersion = String(server.stdout).trim();
  const load = await run(t, ['load', '-i', archive], 120_000);
  info.prepared = load.exitCode === 0;
  if (!info.prepared) info.prepareMessage = `load -i failed (exit ${load.exitCode ?? 'none'}): ${String(load.stderr || load.stdout || load.shortMessage).trim().split('\n').slice(0, 3).join(' / ')}`;
  return info;
}

export function tcpReachable(hostPort: string, timeoutMs = 1000): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  return new Promise((done) => {
    const s = connect(Number(port), host!);
    const t = setTimeout(() => { s.destroy(); done(false); }, timeoutMs);
    s.on('connect', () => { clearTimeout(t); s.destroy(); done(true); });
    s.on('error', () => { clearTimeout(t); done(false); });
  });
}

/** Why each requirement is missing for this target (absent key: satisfied). */
export async function probeRequirements(t: Target, registry: string): Promise<Map<Requirement, string>> {
  const missing = new Map<Requirement, string>();
  if (!(await tcpReachable(registry))) missing.set('registry', `no registry answers on ${registry}`);
  if (!existsSync('/usr/bin/script') && !existsSync('/bin/script')) missing.set('tty', 'util-linux `script` is not installed (needed for a pseudo-terminal)');
  const root = process.getuid?.() === 0 && !t.rootless;
  if (!root) missing.set('root', 'the target does not run as root');
  if (!t.rootless) missing.set('rootless', 'the target is not rootless (mark it with ,rootless)');
  if (!t.socket) missing.set('api', `target ${t.name} has no API socket (add ,socket=PATH)`);
  else if (!existsSync(t.socket)) missing.set('api', `socket ${t.socket} does not exist`);
  return missing;
}
