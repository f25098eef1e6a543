// The docker-credential-<name> protocol: `get` reads a server URL on stdin and prints
// {"ServerURL","Username","Secret"}; `store` reads that JSON; `erase` reads the URL; `list` prints a map.
import { EngineError } from '../../errors.js';
import { run, type RunResult } from '../../sys/process.js';

export interface HelperCredentials { ServerURL?: string; Username: string; Secret: string }
export type HelperRunner = (program: string, verb: string, input: string) => Promise<RunResult>;

const NOT_FOUND = 'credentials not found in native keychain';

export const runHelperProgram: HelperRunner = (program, verb, input) => run(program, [verb], { input });

export class CredentialHelper {
  constructor(readonly name: string, private readonly runner: HelperRunner = runHelperProgram) {}

  get program(): string { return `docker-credential-${this.name}`; }

  private async call(verb: string, input: string): Promise<string> {
    let r: RunResult;
    try {
      r = await this.runner(this.program, verb, input);
    } catch (e) {
      // docker parity: docker-credential-helpers client/client.go (exec error text)
      throw new EngineError('unavailable', 'helper-missing', `error getting credentials - err: exec: "${this.program}": executable file not found in $PATH, out: \`\``, { cause: e });
    }
    if (r.exitCode !== 0) {
      const out = (r.stdout || r.stderr).trim();
      if (out === NOT_FOUND) throw new EngineError('not-found', 'credentials-not-found', NOT_FOUND);
      throw new EngineError('unavailable', 'helper-failed', `error ${verb === 'get' ? 'getting' : verb === 'store' ? 'storing' : 'erasing'} credentials - err: exit status ${r.exitCode}, out: \`${out}\``);
    }
    return r.stdout;
  }

  async get(server: string): Promise<HelperCredentials | undefined> {
    try {
      const out = await this.call('get', server);
      const doc = JSON.parse(out) as HelperCredentials;
      return doc.Username || doc.Secret ? doc : undefined;
    } catch (e) {
      if (e instanceof EngineError && e.code === 'credentials-not-found') return undefined;
      throw e;
    }
  }

  async store(creds: HelperCredentials): Promise<void> { await this.call('store', JSON.stringify(creds)); }

  async erase(server: string): Promise<void> {
    try { await this.call('erase', server); } catch (e) {
      if (!(e instanceof EngineError && e.code === 'credentials-not-found')) throw e;
    }
  }
}
