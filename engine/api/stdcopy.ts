// Docker's multiplexed stream framing for attach, exec and logs without a TTY: each frame is an
// 8-byte header [stream, 0, 0, 0, size uint32 big-endian] and the payload.
// docker parity: moby pkg/stdcopy/stdcopy.go (StdWriter, StdCopy)
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
/** Newer daemons report a failure inside the stream on this id. */
export const SYSTEMERR = 3;

export type StreamId = typeof STDIN | typeof STDOUT | typeof STDERR | typeof SYSTEMERR;

/** One frame (an empty payload gives no frame: dockerd never writes zero-length frames). */
export function frame(stream: StreamId, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  if (body.length === 0) return Buffer.alloc(0);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}
