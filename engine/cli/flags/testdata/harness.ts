// Test harness: runs run/create argv through the whole flag pipeline the way a command would
// (parse → flag support → build → daemon checks) and renders what docker prints.
import { readFileSync } from 'node:fs';
import { FlagError, parseFlags } from '../../pflag.js';
import { CONTAINER_FLAG_REQUIREMENTS, CREATE_FLAGS, RUN_FLAGS } from '../container-flags.js';
import { buildCreateBody, type CreateContext, type CreateRequest } from '../create-body.js';
import { checkFlagSupport, renderCreateError } from '../create-errors.js';
import { checkMountPoints, validateContainerName, validateCreateBody } from '../../../domain/containers/validate/create-body.js';
import { RECORDED_HOST } from '../../../domain/containers/validate/testdata/host.js';
import type { ParsedFlags, ReadFile } from '../flag-access.js';

export const loadJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as T;
export const loadText = (name: string): string => readFileSync(new URL(name, import.meta.url), 'utf8');

/** A readFile over a fixed set of files; other paths fail like Node's fs (ENOENT, EISDIR for dirs). */
export function virtualFs(files: Record<string, string>, dirs: string[] = ['/tmp', '/']): ReadFile {
  return (path) => {
    if (path in files) return files[path]!;
    const code = dirs.includes(path) ? 'EISDIR' : 'ENOENT';
    throw Object.assign(new Error(`${code}: ${path}`), { code });
  };
}

export function parseCmd(cmd: 'run' | 'create', argv: string[]): ParsedFlags {
  return parseFlags(argv, cmd === 'run' ? RUN_FLAGS : CREATE_FLAGS, { interspersed: false });
}

export { RECORDED_HOST };

export interface Outcome { status: number; stderr: string; request?: CreateRequest }

export interface PipelineOptions { env?: NodeJS.ProcessEnv; readFile?: ReadFile; ctx?: CreateContext; pathExists?: (p: string) => boolean }

/** docker run/create up to the API call: exit status and stderr as docker prints them. */
export function runPipeline(cmd: 'run' | 'create', argv: string[], o: PipelineOptions = {}): Outcome {
  try {
    const parsed = parseCmd(cmd, argv);
    const unsupported = checkFlagSupport(parsed.changed, CONTAINER_FLAG_REQUIREMENTS);
    if (unsupported) throw unsupported;
    const request = buildCreateBody(parsed, o.env ?? { HOME: '/root' }, o.readFile ?? virtualFs({}), { command: cmd, cwd: '/tmp/cap', ...o.ctx });
    const { warnings } = validateCreateBody(request.body, { host: RECORDED_HOST, pathExists: o.pathExists ?? ((p) => !p.includes('nonexistent')) });
    if (request.name) validateContainerName(request.name);
    checkMountPoints(request.body.HostConfig ?? {});
    const stderr = [...warnings, ...request.warnings].map((w) => `WARNING: ${w}\n`).join('');
    return { status: 0, stderr, request };
  } catch (e) {
    if (e instanceof FlagError) {
      const usage = `docker ${cmd} [OPTIONS] IMAGE [COMMAND] [ARG...]`;
      return { status: 125, stderr: `${e.message}\n\nUsage:  ${usage}\n\nRun 'docker ${cmd} --help' for more information\n` };
    }
    const rendered = renderCreateError(e, cmd);
    if (!rendered) throw e;
    return rendered;
  }
}
