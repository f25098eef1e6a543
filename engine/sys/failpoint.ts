// Named crash points for tests: SKIFF_FAILPOINT=<name> makes the process SIGKILL itself there, so
// crash consistency is tested at exact steps instead of by racing a timer.
export function failpoint(name: string): void {
  if (process.env.SKIFF_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}
