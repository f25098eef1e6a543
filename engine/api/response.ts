// Writing replies the way dockerd does: JSON through Go's encoder (HTML-escaped, newline-terminated),
// errors as {"message"}, streams flushed per message.
import type { ServerResponse } from 'node:http';
import { goJson } from '../domain/images/config-doc.js';
import { statusOf } from './status.js';
import { jsonErrors } from './version.js';

/** Stream messages: jsonmessage is encoded with Go's default HTML escaping (`\u003e`). */
export const encodeJson = (value: unknown) => `${goJson(value)}\n`;

/** Replies: dockerd's WriteJSON turns HTML escaping off. docker parity: moby api/server/httputils WriteJSON */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** 204/304/201-without-body replies. */
export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, status === 204 || status === 304 ? {} : { 'Content-Length': 0 });
  res.end();
}

export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** An error reply; 304 has no body. docker parity: moby@20.10 api/server/errorhandler.go */
export function sendError(res: ServerResponse, err: unknown, version: string | undefined): void {
  const status = statusOf(err);
  if (res.headersSent) { res.destroy(); return; }
  if (status === 304) { sendEmpty(res, 304); return; }
  if (jsonErrors(version)) sendJson(res, status, { message: errorMessage(err) });
  else sendText(res, status, `${errorMessage(err)}\n`);
}

/** A newline-delimited JSON stream (pull, push, load, events, stats): headers go out at once. */
export class JsonStream {
  constructor(private readonly res: ServerResponse, status = 200) {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.flushHeaders();
  }

  write(message: unknown): boolean {
    if (this.res.destroyed || this.res.writableEnded) return false;
    return this.res.write(encodeJson(message));
  }

  /** An error after the 200 went out travels in-band, as jsonmessage's errorDetail. */
  fail(err: unknown): void {
    const message = errorMessage(err);
    this.write({ errorDetail: { message }, error: message });
    this.end();
  }

  end(): void { if (!this.res.writableEnded) this.res.end(); }
}
