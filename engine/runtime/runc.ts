// The OCI runtime's command-line verbs (runc 1.1). Global flags go before the subcommand; --root is
// always explicit so root and rootless never share or guess a state directory.
import { EngineError } from '../errors.js';
import { run } from '../sys/process.js';

export interface RuncOptions { path: string; root: string; env?: NodeJS.ProcessEnv }

export type RuncStatus = 'creating' | 'created' | 'running' | 'paused' | 'stopped';
export interface RuncState { id: string; pid: number; status: RuncStatus; bundle: string }

export class Runc {
  constructor(private readonly opts: RuncOptions) {}

  private async call(args: string[], input?: string) {
    return run(this.opts.path, ['--root', this.opts.root, ...args], { env: this.opts.env, input });
  }

  private async mustCall(args: string[], input?: string): Promise<string> {
    const r = await this.call(args, input);
    if (r.exitCode !== 0) throw new EngineError('internal', `runc-${args[0]}`, runcMessage(r.stderr) || `runc ${args[0]} failed with exit code ${r.exitCode}`);
    return r.stdout;
  }

  async state(id: string): Promise<RuncState | undefined> {
    const r = await this.call(['state', id]);
    if (r.exitCode !== 0) return undefined;
    return JSON.parse(r.stdout) as RuncState;
  }

  start(id: string) { return this.mustCall(['start', id]); }
  /** `all` needs a cgroup (not available rootless on cgroup v1). */
  kill(id: string, signal: number, all = false) { return this.mustCall(['kill', ...(all ? ['--all'] : []), id, String(signal)]); }
  async delete(id: string): Promise<void> {
    const r = await this.call(['delete', '--force', id]);
    if (r.exitCode !== 0 && !/does not exist/.test(r.stderr)) throw new EngineError('internal', 'runc-delete', runcMessage(r.stderr));
  }
  pause(id: string) { return this.mustCall(['pause', id]); }
  resume(id: string) { return this.mustCall(['resume', id]); }
  update(id: string, resources: object) { return this.mustCall(['update', '--resources', '-', id], JSON.stringify(resources)); }
  async ps(id: string): Promise<number[]> { return JSON.parse(await this.mustCall(['ps', '--format', 'json', id])) as number[]; }
}

/** runc prints either plain text or JSON log lines ({"level":"error","msg":…}); keep the message. */
export function runcMessage(stderr: string): string {
  const lines = stderr.trim().split('\n').filter(Boolean);
  const msgs = lines.map((l) => {
    try { return (JSON.parse(l) as { msg?: string }).msg ?? l; } catch { return l; }
  });
  return msgs.join('\n').replace(/^time="[^"]*" level=\w+ msg="(.*)"$/m, '$1');
}
