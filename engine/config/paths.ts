import { join } from 'node:path';

/** Where an engine keeps its state; decided once, from the identity and environment of the caller. */
export interface EnginePaths {
  /** Persistent data: the database, images, container layers and logs. */
  dataRoot: string;
  /** Volatile data: OCI bundles, exit files, runc state, the API socket. */
  runRoot: string;
  db: string;
  blobs: string;
  layers: string;
  containers: string;
  bundles: string;
  exitDir: string;
  runcRoot: string;
  tmp: string;
  /** Rootless only: the pid file of the process that holds the user namespace. */
  pauseFile: string;
  apiSocket: string;
  /** Local volumes (<name>/_data). */
  volumes: string;
  /** Network namespace files of running containers. */
  netns: string;
  /** netavark's --config directory (aardvark-dns configuration and lock), host-wide. */
  netavarkConfig: string;
  /** Networks, IP leases and published ports: one file per host (root) or per user, whatever --root says. */
  networkDb: string;
}

export interface Identity {
  rootless: boolean;
  /** The invoking user's real uid/gid on the host (1001 for the test user even inside the namespace). */
  uid: number;
  gid: number;
  home: string;
}

export function resolvePaths(id: Identity, env: NodeJS.ProcessEnv, overrides: { root?: string; runroot?: string } = {}): EnginePaths {
  const dataRoot = overrides.root ?? env.SKIFF_ROOT ?? (id.rootless
    ? join(env.XDG_DATA_HOME || join(id.home, '.local/share'), 'skiff')
    : '/var/lib/skiff');
  const runRoot = overrides.runroot ?? env.SKIFF_RUNROOT ?? (id.rootless
    ? join(rootlessRuntimeDir(id, env), 'skiff')
    : '/run/skiff');
  return {
    dataRoot,
    runRoot,
    db: join(dataRoot, 'skiff.db'),
    blobs: join(dataRoot, 'blobs'),
    layers: join(dataRoot, 'layers'),
    containers: join(dataRoot, 'containers'),
    bundles: join(runRoot, 'c'),
    exitDir: join(runRoot, 'exits'),
    runcRoot: join(runRoot, 'runc'),
    tmp: join(dataRoot, 'tmp'),
    pauseFile: join(runRoot, 'pause.pid'),
    apiSocket: join(runRoot, 'skiff.sock'),
    volumes: join(dataRoot, 'volumes'),
    netns: join(runRoot, 'netns'),
    // Host-wide like the networks: one aardvark-dns per gateway address, whatever --runroot says.
    netavarkConfig: env.SKIFF_NETAVARK_CONFIG ?? (id.rootless ? join(rootlessRuntimeDir(id, env), 'skiff', 'networks') : '/run/skiff/networks'),
    networkDb: env.SKIFF_NETWORK_DB ?? (id.rootless ? join(env.XDG_DATA_HOME || join(id.home, '.local/share'), 'skiff', 'network.db') : '/var/lib/skiff/network.db'),
  };
}

export function rootlessRuntimeDir(id: Identity, env: NodeJS.ProcessEnv): string {
  return env.XDG_RUNTIME_DIR || `/run/user/${id.uid}`;
}
