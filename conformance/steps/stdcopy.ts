// Docker multiplexes stdout and stderr of a non-TTY container into frames:
// [stream id (0 stdin, 1 stdout, 2 stderr), 0, 0, 0, payload size (uint32 big-endian)] + payload.

export interface Demuxed { stdout: string; stderr: string; framed: boolean }

/** True when the buffer starts like a frame header (Docker's own clients sniff the same way). */
export function looksFramed(buf: Buffer): boolean {
  return buf.length >= 8 && buf[0]! <= 2 && buf[1] === 0 && buf[2] === 0 && buf[3] === 0;
}

export function demux(buf: Buffer): Demuxed {
  const out: Buffer[] = [], err: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const stream = buf[i]!, size = buf.readUInt32BE(i + 4);
    if (stream > 2 || buf[i + 1] !== 0 || buf[i + 2] !== 0 || buf[i + 3] !== 0) break;
    const payload = buf.subarray(i + 8, Math.min(buf.length, i + 8 + size));
    (stream === 2 ? err : out).push(payload);
    i += 8 + size;
  }
  // Anything after the last whole frame (a cut stream or plain text) is kept as stdout, never dropped.
  if (i < buf.length) out.push(buf.subarray(i));
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), framed: i > 0 };
}
