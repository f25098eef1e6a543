// systemd socket activation (sd_listen_fds(3)): listening sockets arrive as fds 3..3+n-1 when
// LISTEN_PID names this process. A rootless re-exec into the user namespace changes the pid, so the
// outer process marks the hand-over with SKIFF_LISTEN_FDS_PASSED and keeps the fds open across.
export const LISTEN_FDS_START = 3;
export const PASSED_ENV = '_SKIFF_LISTEN_FDS_PASSED';

/** The number of activation fds meant for this process (0 when none). */
export function listenFds(env: NodeJS.ProcessEnv = process.env, pid = process.pid): number {
  const n = Number(env.LISTEN_FDS ?? '0');
  if (!Number.isInteger(n) || n <= 0) return 0;
  if (env[PASSED_ENV] === '1' || Number(env.LISTEN_PID) === pid) return n;
  return 0;
}

/** Drops the variables so containers started by this process do not inherit them. */
export function forgetListenEnv(env: NodeJS.ProcessEnv = process.env): void {
  for (const k of ['LISTEN_FDS', 'LISTEN_PID', 'LISTEN_FDNAMES', PASSED_ENV]) delete env[k];
}
