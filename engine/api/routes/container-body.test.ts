import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ApiContext } from '../request.js';
import { decodeCreateBody, decodeUpdateBody } from './container-body.js';

function ctx(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, version = '1.41'): ApiContext {
  const req = Readable.from(body === '' ? [] : [Buffer.from(body)]) as unknown as IncomingMessage;
  req.headers = { ...(body !== '' ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers };
  return { req, version } as ApiContext;
}

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: { status: number; message: string }) => ({ status: e.status, message: e.message }));

describe('decodeCreateBody', () => {
  it('checks the Content-Type as CheckForJSON does', async () => {
    expect(await failure(decodeCreateBody(ctx('{"Image":"x"}', { 'content-type': 'text/plain' }))))
      .toEqual({ status: 400, message: "Content-Type specified (text/plain) must be 'application/json'" });
    expect(await failure(decodeCreateBody(ctx('{"Image":"x"}', {})))).toEqual({ status: 400, message: "Content-Type specified () must be 'application/json'" });
    expect(await failure(decodeCreateBody(ctx('', {})))).toEqual({ status: 500, message: 'EOF' });
    expect(await decodeCreateBody(ctx('{"Image":"x"}', { 'content-type': 'application/json; charset=utf-8' }))).toEqual({ Image: 'x' });
  });

  it('answers what Go decoding answers for empty, malformed and mistyped documents', async () => {
    expect(await failure(decodeCreateBody(ctx('  ')))).toEqual({ status: 500, message: 'EOF' });
    expect(await failure(decodeCreateBody(ctx('{bad')))).toEqual({ status: 500, message: "invalid character 'b' looking for beginning of object key string" });
    expect(await failure(decodeCreateBody(ctx('[1]'))))
      .toEqual({ status: 500, message: 'json: cannot unmarshal array into Go value of type runconfig.ContainerConfigWrapper' });
    for (const doc of ['{}', 'null', '{"HostConfig":{}}']) {
      expect(await failure(decodeCreateBody(ctx(doc)))).toEqual({ status: 400, message: 'Config cannot be empty in order to create a container' });
    }
    const typed: Array<[string, string]> = [
      ['{"Image":"x","Env":"A=1"}', 'cannot unmarshal string into Go struct field ContainerConfigWrapper.Env of type []string'],
      ['{"Image":"x","Labels":{"a":1}}', 'cannot unmarshal number into Go struct field ContainerConfigWrapper.Labels of type string'],
      ['{"Image":"x","Cmd":[1]}', 'cannot unmarshal array into Go struct field ContainerConfigWrapper.Cmd of type string'],
      ['{"Image":"x","StopTimeout":1.5}', 'cannot unmarshal number 1.5 into Go struct field ContainerConfigWrapper.StopTimeout of type int'],
      ['{"Image":"x","Tty":1}', 'cannot unmarshal number into Go struct field ContainerConfigWrapper.Tty of type bool'],
      ['{"Image":"x","HostConfig":"x"}', 'cannot unmarshal string into Go struct field ContainerConfigWrapper.HostConfig of type container.HostConfig'],
      ['{"Image":"x","HostConfig":{"Binds":"x"}}', 'cannot unmarshal string into Go struct field HostConfig.HostConfig.Binds of type []string'],
      ['{"Image":"x","HostConfig":{"Memory":"1g"}}', 'cannot unmarshal string into Go struct field HostConfig.HostConfig.Memory of type int64'],
    ];
    for (const [doc, message] of typed) expect(await failure(decodeCreateBody(ctx(doc)))).toEqual({ status: 500, message: `json: ${message}` });
  });

  it('takes a StrSlice as one string, ignores unknown fields, applies the per-version fixes', async () => {
    const body = await decodeCreateBody(ctx('{"Image":"x","Cmd":"echo hi","Entrypoint":null,"Bogus":1,"HostConfig":{"PidsLimit":-1,"AutoRemove":true,"Unknown":2}}', undefined, '1.24'));
    expect(body).toMatchObject({ Image: 'x', Cmd: ['echo hi'], Entrypoint: null, HostConfig: { PidsLimit: null, AutoRemove: false, IpcMode: 'shareable', KernelMemoryTCP: 0 } });
    const recent = await decodeCreateBody(ctx('{"Image":"x","HostConfig":{"AutoRemove":true,"PidsLimit":5}}', undefined, '1.44'));
    expect(recent.HostConfig).toEqual({ AutoRemove: true, PidsLimit: 5 });
    expect(body).not.toHaveProperty('Bogus');
    expect(body.HostConfig).not.toHaveProperty('Unknown');
    // The 28.x CLI's endpoint fields newer than 1.41 are not stored.
    const cli = await decodeCreateBody(ctx('{"Image":"x","NetworkingConfig":{"EndpointsConfig":{"default":{"Aliases":["a"],"GwPriority":0,"DNSNames":null}}}}'));
    expect(cli.NetworkingConfig).toEqual({ EndpointsConfig: { default: { Aliases: ['a'] } } });
  });
});

describe('decodeUpdateBody', () => {
  it('decodes container.UpdateConfig as dockerd does', async () => {
    expect(await failure(decodeUpdateBody(ctx('')))).toEqual({ status: 500, message: 'EOF' });
    expect(await failure(decodeUpdateBody(ctx('{"Memory":"x"}'))))
      .toEqual({ status: 500, message: 'json: cannot unmarshal string into Go struct field UpdateConfig.Memory of type int64' });
    expect(await decodeUpdateBody(ctx('{"Memory":1000,"PidsLimit":-1,"Bogus":1}'))).toEqual({ Memory: 1000, PidsLimit: 0, Bogus: 1 });
    // PidsLimit arrived with API 1.40.
    expect(await decodeUpdateBody(ctx('{"PidsLimit":10}', undefined, '1.39'))).toEqual({});
  });
});
