// Rootless user-defined networks (Podman's "rootless-netns"): one network namespace per user, reached
// from the host through its own slirp4netns; netavark --rootless=true runs inside it and lays the
// bridges, veths, firewall rules and aardvark-dns there. Published ports go host → slirp4netns →
// netavark's DNAT. It is made on first use and removed with the last container that needs it.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Engine } from '../context.js';
import { runtimeEnv } from '../runtime/index.js';
import { ProcessLocks } from '../storage/process-lock.js';
import { createNetns, removeNetns } from '../sys/netns.js';
import { pidAlive } from '../sys/process.js';
import { slirpApi, startSlirp, stopSlirp } from '../sys/slirp.js';
import { netStore } from './store.js';

/** Next to the (per-user) netavark config, so every storage root of the user shares it. */
export const rootlessNetnsPath = (engine: Engine) => join(dirname(engine.config.paths.netavarkConfig), 'rootless-netns');
const pidFile = (engine: Engine) => `${rootlessNetnsPath(engine)}.pid`;
export const rootlessNetnsApi = (engine: Engine) => `${rootlessNetnsPath(engine)}.sock`;

const withLock = <T>(engine: Engine, fn: () => Promise<T>) => new ProcessLocks(engine.config.paths.netavarkConfig).with('rootless-netns', fn);

function slirpPid(engine: Engine): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile(engine), 'utf8'));
    return pid && pidAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('slirp4netns') ? pid : undefined;
  } catch { return undefined; }
}

/** The namespace netavark runs in, with its slirp4netns up (made now if needed). */
export function ensureRootlessNetns(engine: Engine): Promise<string> {
  return withLock(engine, async () => {
    const netns = rootlessNetnsPath(engine);
    if (slirpPid(engine) && existsSync(netns)) return netns;
    await removeNetns(netns);
    await createNetns(netns);
    rmSync(rootlessNetnsApi(engine), { force: true });
    const slirp = await startSlirp({ netns, apiSocket: rootlessNetnsApi(engine), logFile: `${netns}.log`, env: runtimeEnv(engine), iface: 'tap0' });
    writeFileSync(pidFile(engine), String(slirp.pid));
    return netns;
  });
}

/** Removes the namespace and its slirp4netns when no sandbox of the user needs it any more. */
export function releaseRootlessNetns(engine: Engine): Promise<void> {
  return withLock(engine, async () => {
    if (netStore(engine).listSandboxes().some((s) => s.RootlessNetns)) return;
    const pid = slirpPid(engine);
    if (pid) stopSlirp(pid);
    await removeNetns(rootlessNetnsPath(engine));
    for (const f of [pidFile(engine), rootlessNetnsApi(engine), `${rootlessNetnsPath(engine)}.log`]) rmSync(f, { force: true });
  });
}

/** Drops the host port forwards a container had through the rootless netns's slirp4netns. */
export async function removeForwards(engine: Engine, ids: number[]): Promise<void> {
  for (const id of ids) await slirpApi(rootlessNetnsApi(engine), { execute: 'remove_hostfwd', arguments: { id } }).catch(() => undefined);
}
