// Docker's detach keys ("ctrl-p,ctrl-q" by default): parsing, and a scanner over stdin that holds a
// partial match back and reports a full one. docker parity: moby/term proxy.go (ToBytes, escapeProxy)
import { invalidArgument } from '../../errors.js';

export const DEFAULT_DETACH_KEYS = 'ctrl-p,ctrl-q';

/** The key sequence as bytes; undefined for a spec Docker would refuse. */
export function detachKeyBytes(spec: string | undefined): number[] | undefined {
  const codes: number[] = [];
  for (const key of (spec || DEFAULT_DETACH_KEYS).split(',')) {
    if (key.length === 1) { codes.push(key.charCodeAt(0)); continue; }
    const m = /^ctrl-(.)$/.exec(key);
    if (!m) return undefined;
    const c = m[1]!;
    if (c >= 'a' && c <= 'z') codes.push(c.charCodeAt(0) - 96);
    else if (c === '@') codes.push(0);
    else if ('[\\]^_'.includes(c)) codes.push(27 + '[\\]^_'.indexOf(c));
    else return undefined;
  }
  return codes;
}

// docker parity: moby daemon/attach.go ContainerAttach
export function parseDetachKeys(spec: string | undefined): number[] {
  const keys = detachKeyBytes(spec);
  if (!keys) throw invalidArgument('bad-detach-keys', `Invalid detach keys (${spec}) provided`);
  return keys;
}

/** Feeds stdin through the detach sequence: what to forward, and whether the sequence was typed. */
export class DetachScanner {
  private held: number[] = [];
  constructor(private readonly keys: number[]) {}

  push(chunk: Buffer): { forward: Buffer; detached: boolean } {
    const out: number[] = [];
    for (const byte of chunk) {
      if (byte === this.keys[this.held.length]) {
        this.held.push(byte);
        if (this.held.length === this.keys.length) return { forward: Buffer.from(out), detached: true };
        continue;
      }
      out.push(...this.held);
      this.held = [];
      if (byte === this.keys[0]) this.held.push(byte); else out.push(byte);
    }
    return { forward: Buffer.from(out), detached: false };
  }
}
