// --security-opt values as the Docker daemon reads them (moby daemon/daemon_unix.go parseSecurityOpt).
import { invalidArgument } from '../../errors.js';
import { parseSeccompProfile, type SeccompProfile } from './seccomp.js';

export interface SecurityOptions {
  noNewPrivileges: boolean;
  /** `default` = the engine's profile; a profile object = the text given with seccomp=<json>. */
  seccomp: 'default' | 'unconfined' | SeccompProfile;
  apparmor?: string;
  labels: string[];
  /** `systempaths=unconfined` (the docker CLI turns it into empty masked/read-only path lists). */
  unconfinedSystemPaths: boolean;
}

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

// docker parity: moby daemon/daemon_unix.go parseSecurityOpt error texts (Go %q of the option)
const badOpt = (n: 1 | 2, opt: string) => invalidArgument('bad-security-opt', `invalid --security-opt ${n}: ${JSON.stringify(opt)}`);

function splitOpt(opt: string): [string, string] {
  const sep = opt.includes('=') ? '=' : opt.includes(':') ? ':' : '';
  if (!sep) throw badOpt(1, opt);
  const at = opt.indexOf(sep);
  return [opt.slice(0, at), opt.slice(at + 1)];
}

function parseBool(value: string, opt: string): boolean {
  if (TRUE_WORDS.has(value)) return true;
  if (FALSE_WORDS.has(value)) return false;
  throw badOpt(2, opt);
}

function applyKeyValue(out: SecurityOptions, key: string, value: string, opt: string): void {
  switch (key) {
    case 'label': out.labels.push(value); return;
    case 'apparmor': out.apparmor = value; return;
    case 'seccomp': out.seccomp = value === 'unconfined' ? 'unconfined' : parseSeccompProfile(value); return;
    case 'no-new-privileges': out.noNewPrivileges = parseBool(value, opt); return;
    case 'systempaths':
      if (value !== 'unconfined') throw badOpt(2, opt);
      out.unconfinedSystemPaths = true;
      return;
    default: throw badOpt(2, opt);
  }
}

export function parseSecurityOpts(opts: readonly string[] | null | undefined): SecurityOptions {
  const out: SecurityOptions = { noNewPrivileges: false, seccomp: 'default', labels: [], unconfinedSystemPaths: false };
  for (const opt of opts ?? []) {
    if (opt === 'no-new-privileges') out.noNewPrivileges = true;
    else if (opt === 'disable') out.labels.push('disable');
    else applyKeyValue(out, ...splitOpt(opt), opt);
  }
  return out;
}
