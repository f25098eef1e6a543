import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBusyboxArchive } from '../../../../fixtures/images/build-busybox.js';
import { sha256Digest } from '../../../storage/digest.js';
import { fileEntry, headerEntry, tarBuffer } from '../../../storage/tar/writer.js';
import { parseArchive } from './parse.js';
import { SpooledArchive, spoolArchive } from './spool.js';

const tmp = mkdtempSync(join(tmpdir(), 'skiff-archive-'));
const spooled: SpooledArchive[] = [];
afterEach(async () => { for (const a of spooled.splice(0)) await a.cleanup(); });
const spool = async (buf: Buffer) => { const a = await spoolArchive(Readable.from([buf]), tmp); spooled.push(a); return a; };

const layer = () => tarBuffer([fileEntry('hello', 'hi\n')]);
const configFor = (diffIds: string[]) => Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } }));

describe('image archives', () => {
  it('reads docker save output (manifest last), also gzip-compressed', async () => {
    const { archive, imageId } = await buildBusyboxArchive('bb:1');
    for (const buf of [archive, gzipSync(archive)]) {
      const [img] = parseArchive(await spool(buf));
      expect(img!.config.digest).toBe(imageId);
      expect(img!.repoTags).toEqual(['bb:1']);
      expect(img!.layers).toHaveLength(1);
    }
  });

  it('follows podman\'s symlinked layer entries', async () => {
    const l = await layer();
    const diff = sha256Digest(l).slice(7);
    const cfg = configFor([`sha256:${diff}`]);
    const cfgHex = sha256Digest(cfg).slice(7);
    const buf = await tarBuffer([
      fileEntry(`${diff}.tar`, l, { mode: 0o444 }),
      headerEntry('v1id/', 'dir'),
      headerEntry('v1id/layer.tar', 'symlink', { linkname: `../${diff}.tar` }),
      fileEntry(`${cfgHex}.json`, cfg),
      fileEntry('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: ['localhost/x:1'], Layers: ['v1id/layer.tar'] }])),
    ]);
    const [img] = parseArchive(await spool(buf));
    expect(img!.layers[0]!.digest).toBe(`sha256:${diff}`);
    expect(img!.repoTags).toEqual(['localhost/x:1']);
  });

  it('reads an OCI layout with gzip layers and the full ref.name', async () => {
    const gz = gzipSync(await layer());
    const cfg = configFor([sha256Digest(await layer())]);
    const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, config: { digest: sha256Digest(cfg), size: cfg.length }, layers: [{ digest: sha256Digest(gz), size: gz.length }] }));
    const index = { schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256Digest(manifest), size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': 'localhost/rf-img:1' } }] };
    const blob = (b: Buffer) => fileEntry(`blobs/sha256/${sha256Digest(b).slice(7)}`, b);
    const buf = await tarBuffer([fileEntry('oci-layout', '{"imageLayoutVersion":"1.0.0"}'), fileEntry('index.json', JSON.stringify(index)), blob(manifest), blob(cfg), blob(gz)]);
    const [img] = parseArchive(await spool(buf));
    expect(img!.repoTags).toEqual(['localhost/rf-img:1']);
    expect(img!.layers[0]!.digest).toBe(sha256Digest(gz));
  });

  it('fails like docker on an empty stream and on garbage', async () => {
    expect(() => parseArchive(new SpooledArchive('/d'))).toThrow('open /d/repositories: no such file or directory');
    await expect(spoolArchive(Readable.from([Buffer.from('garbage\n')]), tmp)).rejects.toThrow('Error processing tar file(exit status 1): unexpected EOF');
  });
});

process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
