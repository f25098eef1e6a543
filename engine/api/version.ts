// API version negotiation as dockerd does it: every route is served with and without a /vX.Y prefix;
// an unprefixed call gets the newest version. docker parity: moby@20.10 api/server/middleware/version.go
import { MIN_API_VERSION } from '../domain/system/version.js';

export const API_MAX_VERSION = '1.44';
export const API_MIN_VERSION = MIN_API_VERSION;

/** Compares dotted versions numerically ("1.9" < "1.10"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export const versionAtLeast = (version: string, min: string) => compareVersions(version, min) >= 0;

/** Splits "/v1.41/containers/json" into its version and the route path. */
export function splitVersion(pathname: string): { version?: string; path: string } {
  const m = /^\/v([0-9.]+)(\/.*)$/.exec(pathname);
  return m ? { version: m[1], path: m[2]! } : { path: pathname };
}

/** The error for a version outside what this server speaks, or undefined. */
export function versionError(version: string): string | undefined {
  if (compareVersions(version, API_MAX_VERSION) > 0) {
    return `client version ${version} is too new. Maximum supported API version is ${API_MAX_VERSION}`;
  }
  if (compareVersions(version, API_MIN_VERSION) < 0) {
    return `client version ${version} is too old. Minimum supported API version is ${API_MIN_VERSION}, please upgrade your client to a newer version`;
  }
  return undefined;
}

/** Error bodies are JSON from API 1.24 on; dockerd answers older prefixes in plain text. */
export const jsonErrors = (version: string | undefined) => version === undefined || compareVersions(version, '1.23') > 0;
