import { renderOne } from '../format/index.js';
import type { CliIO } from './command.js';

/** docker/cli's inspect output: a 4-space-indented JSON array, or one rendered template per object. */
export function writeInspect(io: CliIO, objects: unknown[], format: string | undefined): void {
  if (format) {
    for (const o of objects) io.stdout.write(renderOne(format, o));
    return;
  }
  io.stdout.write(`${goIndentJson(objects)}\n`);
}

// Go's json.MarshalIndent escapes <, > and & for HTML safety; docker's inspect output keeps that.
export function goIndentJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
