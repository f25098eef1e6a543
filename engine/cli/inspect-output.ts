import { compileTemplate, FormatError, renderOne } from '../format/index.js';
import type { CliIO } from './command.js';
import { StatusError } from './command.js';

// docker parity: cli@28.2 cli/command/inspect/inspector.go Inspect, TemplateInspector, IndentedInspector
/**
 * docker/cli's inspect: the template is parsed before any lookup (a bad one exits 64); then each
 * reference is looked up and rendered; an object whose template fails prints nothing. Output comes
 * first (a lone newline when a template printed nothing at all), then the errors in reference order.
 */
export async function inspectRefs(
  io: CliIO, refs: string[], format: string | undefined,
  lookup: (ref: string) => Promise<unknown>, describe: (e: unknown) => string,
): Promise<number> {
  if (format) checkInspectTemplate(format);
  const found: unknown[] = [];
  const errors: string[] = [];
  let out = '';
  for (const ref of refs) {
    let obj: unknown;
    try { obj = await lookup(ref); } catch (e) { errors.push(describe(e)); continue; }
    if (!format) { found.push(obj); continue; }
    try { out += renderOne(format, obj); } catch (e) { if (!(e instanceof FormatError)) throw e; errors.push(e.message); }
  }
  io.stdout.write(format ? out || '\n' : `${goIndentJson(found)}\n`);
  for (const e of errors) io.stderr.write(`${e}\n`);
  return errors.length > 0 ? 1 : 0;
}

/** A template that does not parse fails the whole command with status 64. */
function checkInspectTemplate(format: string): void {
  try {
    compileTemplate(format);
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 64);
    throw e;
  }
}

/** docker/cli's inspect output for objects already found; template errors go to stderr. Returns how many failed. */
export function writeInspect(io: CliIO, objects: unknown[], format: string | undefined): number {
  if (!format) {
    io.stdout.write(`${goIndentJson(objects)}\n`);
    return 0;
  }
  checkInspectTemplate(format);
  let out = '';
  let failed = 0;
  const errors: string[] = [];
  for (const o of objects) {
    try { out += renderOne(format, o); } catch (e) { if (!(e instanceof FormatError)) throw e; errors.push(e.message); failed++; }
  }
  io.stdout.write(out || '\n');
  for (const e of errors) io.stderr.write(`${e}\n`);
  return failed;
}

// docker/cli re-indents the API's JSON without HTML escaping (measured: "me <m@x>" prints raw).
export function goIndentJson(value: unknown): string {
  return JSON.stringify(value, null, 4);
}
