import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { ansicUtc, buildTime, goArch, serverVersion, SKIFF_VERSION, API_VERSION } from '../../../domain/system/version.js';
import { loadConfig } from '../../../config/config.js';
import { DOCKER_FUNCS, Template, TemplateError, TabWriter } from '../../../format/index.js';
import { DEFAULT_VERSION_TEMPLATE, getDetailsOrder, versionInfo, type ClientVersion } from '../../../views/version.js';
import { INSPECT_FORMAT_HELP } from '../../format-help.js';

/** The CLI's own section of `version` and `info` (skiff's CLI and engine are one program). */
export function cliClientVersion(): ClientVersion {
  return {
    Version: SKIFF_VERSION, ApiVersion: API_VERSION, DefaultAPIVersion: API_VERSION, GitCommit: '', GoVersion: process.version,
    Os: 'linux', Arch: goArch(), BuildTime: ((t) => (t ? ansicUtc(t) : ''))(buildTime()), Context: 'default',
  };
}

// docker parity: cli@28.2 cli/command/system/version.go newVersionTemplate — parse errors exit 64.
function versionTemplate(format: string): Template {
  const text = format === '' ? DEFAULT_VERSION_TEMPLATE : format === 'json' ? '{{json .}}' : format;
  try {
    return new Template('version').funcs({ ...DOCKER_FUNCS, getDetailsOrder }).parse(text);
  } catch (e) {
    if (e instanceof TemplateError) throw new StatusError(`template parsing error: ${e.message}`, 64);
    throw e;
  }
}

const version: CommandSpec = {
  path: 'version', usage: '[OPTIONS]', description: 'Show the Docker version information', args: { max: 0 },
  flags: [{ name: 'format', short: 'f', type: 'string', usage: INSPECT_FORMAT_HELP }],
  async run(ctx) {
    const tmpl = versionTemplate(ctx.flags.format as string);
    const server = await serverVersion(loadConfig(ctx.io.env));
    const client = cliClientVersion();
    // prettyPrintVersion: the output goes through a tabwriter and always ends with a newline, even after an error.
    const tw = new TabWriter({ minwidth: 20, tabwidth: 1, padding: 1, padchar: ' ' });
    let failure: unknown;
    try {
      tw.write(tmpl.execute(versionInfo(client, server)));
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      tw.write(e.partial);
      failure = e;
    }
    tw.write('\n');
    ctx.io.stdout.write(tw.flush());
    if (failure) throw new StatusError((failure as TemplateError).message, 1);
    return 0;
  },
};

export default version;
