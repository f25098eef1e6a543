import { describe, expect, it } from 'vitest';
import { buildCreateBody } from './create-body.js';
import { loadJson, parseCmd, virtualFs } from './testdata/harness.js';

interface Golden {
  cwd: string;
  env: Record<string, string>;
  ttySize: [number, number];
  files: Record<string, string>;
  cases: Array<{ name: string; argv: string[]; tty: boolean; query: Record<string, string>; body: string }>;
}
const golden = loadJson<Golden>('./create-golden.json');

// Docker ranges over a Go map to build Binds, so their order is random; compare them sorted.
function normalize(body: string): string {
  const o = JSON.parse(body) as { HostConfig: { Binds: string[] | null } };
  o.HostConfig.Binds?.sort();
  return JSON.stringify(o);
}

describe('create bodies recorded from docker 28.2 (byte for byte)', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const [cmd, ...argv] = c.argv as ['run' | 'create', ...string[]];
      const req = buildCreateBody(parseCmd(cmd, argv), golden.env, virtualFs(golden.files), {
        command: cmd, cwd: golden.cwd, ttySize: c.tty ? golden.ttySize : undefined,
      });
      expect(normalize(JSON.stringify(req.body))).toBe(normalize(c.body));
      const query = { ...(req.name ? { name: req.name } : {}), ...(req.platform ? { platform: req.platform } : {}) };
      expect(query).toEqual(c.query);
    });
  }
});
