// `search` against a registry that offers the v1 search API (a small server here) and one that does
// not (distribution's registry), compared with docker.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootTarget } from '../../../test-support/cli.js';
import { dockerAvailable, dockerTarget } from '../../../test-support/paired.js';

const docker = dockerTarget();
const skiff = rootTarget();

const RESULTS = [
  { name: 'team/alpha', description: 'The first image, with a description long enough to be truncated in the table', star_count: 42, is_official: false, is_automated: true },
  { name: 'library/beta', description: 'Official\nbeta', star_count: 7, is_official: true, is_automated: false },
  { name: 'team/gamma', description: '', star_count: 0, is_official: false, is_automated: false },
];

describe.skipIf(!dockerAvailable())('search', () => {
  let server: Server;
  let host: string;
  const queries: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/v1/_ping') return void res.writeHead(200).end('true');
      if (url.pathname !== '/v1/search') return void res.writeHead(404).end();
      queries.push(url.search);
      const n = Number(url.searchParams.get('n'));
      const results = RESULTS.filter((r) => r.name.includes(url.searchParams.get('q') ?? '')).slice(0, n);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ num_results: results.length, query: url.searchParams.get('q'), results }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await new Promise<void>((r) => server.close(() => r())); });

  it('prints results, filters and limits as docker does', async () => {
    const cases = [
      ['search', `${host}/a`], ['search', '--no-trunc', `${host}/a`], ['search', '--limit', '1', `${host}/a`],
      ['search', '--filter', 'is-official=true', `${host}/a`], ['search', '--filter', 'stars=5', `${host}/a`],
      ['search', '--format', '{{.Name}}: {{.StarCount}} {{.IsAutomated}}', `${host}/a`], ['search', '--filter', 'is-official=maybe', `${host}/a`],
      ['search', '--filter', 'nope=1', `${host}/a`], ['search', '--limit', '101', `${host}/a`], ['search', 'http://x/y'],
      ['search', '127.0.0.1:5000/anything'],
    ];
    for (const args of cases) {
      const [d, s] = [await docker.run(args), await skiff.run(args)];
      expect({ args, ...s }).toEqual({ args, ...d });
    }
    expect(queries).toContain('?q=a&n=25');
  });
});
