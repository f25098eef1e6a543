// `docker save`: the named images as a docker-archive that `docker load` accepts (moby 20.10 layout:
// <v1id>/{VERSION,json,layer.tar}, <imageid>.json with the config bytes as stored, manifest.json,
// repositories). Names are resolved up front so a bad one fails before any byte is written.
import type { Readable } from 'node:stream';
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import { familiarName, familiarString, parseAnyReference, parseStored, referenceString, repositoryName, withDefaultTag } from '../../images/reference.js';
import type { ImageRecord } from '../../model/image.js';
import { sha256Hex } from '../../storage/digest.js';
import { emptyHeader } from '../../storage/tar/header.js';
import { packTar, type TarSource } from '../../storage/tar/writer.js';
import { goJson } from './config-doc.js';
import { noSuchImage, searchIdPrefix } from './resolve.js';
import { configBytes, imageStorage } from './store.js';
import { recordImageEvent } from '../events/emit.js';

export interface SaveOptions { names: string[] }

interface Selected { image: ImageRecord; tags: string[] }

export function saveImages(engine: Engine, opts: SaveOptions): Readable {
  const selected = selectImages(engine, opts.names);
  const tar = packTar(archiveEntries(engine, [...selected.values()]));
  tar.once('end', () => { for (const id of selected.keys()) recordImageEvent(engine, 'save', id, id); });
  return tar;
}

// docker parity: moby image/tarexport/save.go parseNames
export function selectImages(engine: Engine, names: string[]): Map<string, Selected> {
  const out = new Map<string, Selected>();
  const add = (image: ImageRecord, tag?: string) => {
    const s = out.get(image.Id) ?? { image, tags: [] };
    if (tag && !s.tags.includes(tag)) s.tags.push(tag);
    out.set(image.Id, s);
  };
  for (const name of names) {
    const ref = parseAnyReference(name);
    if (ref.kind === 'digest') {
      const img = engine.state.getImage(ref.digest);
      if (!img) throw noSuchImage(ref);
      add(img);
      continue;
    }
    const named = ref.ref;
    if (familiarName(named) === 'sha256' || (named.tag === undefined && named.digest === undefined)) {
      const repo = repositoryName(named);
      const tagged = familiarName(named) === 'sha256' ? [] : engine.state.listImages().flatMap((img) => img.RepoTags.filter((t) => repositoryName(parseStored(t)) === repo).map((t) => [img, t] as const));
      for (const [img, t] of tagged.sort(([, a], [, b]) => (a < b ? -1 : 1))) add(img, t);
      if (tagged.length) continue;
      const img = searchIdPrefix(engine, name);
      if (!img) throw new EngineError('not-found', 'no-such-image', `No such image: ${name}`);
      add(img);
      continue;
    }
    const key = named.digest ? `${repositoryName(named)}@${named.digest}` : referenceString(withDefaultTag(named));
    const id = named.digest ? engine.state.imageIdForDigest(key) : engine.state.imageIdForTag(key);
    const img = id ? engine.state.getImage(id) : undefined;
    if (!img) throw new EngineError('not-found', 'no-such-image', 'reference does not exist');
    add(img, named.digest ? undefined : key);
  }
  return out;
}

async function* archiveEntries(engine: Engine, images: Selected[]): AsyncGenerator<TarSource> {
  const files: TarSource[] = [];
  const manifest: Array<{ Config: string; RepoTags: string[] | null; Layers: string[] }> = [];
  const repositories: Record<string, Record<string, string>> = {};
  const written = new Set<string>();
  for (const { image, tags } of images) {
    const created = Math.floor(Date.parse(image.Config.created ?? '1970-01-01T00:00:00Z') / 1000) || 0;
    const v1ids = layerEntries(engine, image, created, files, written);
    const hex = image.Id.slice(7);
    files.push({ header: { ...fileHeader(`${hex}.json`, created), size: configBytes(engine, image.Id).length }, content: configBytes(engine, image.Id) });
    const familiar = tags.map((t) => familiarString(parseStored(t)));
    for (const t of tags) {
      const ref = parseStored(t);
      (repositories[familiarName(ref)] ??= {})[ref.tag!] = v1ids[v1ids.length - 1]!;
    }
    manifest.push({ Config: `${hex}.json`, RepoTags: familiar.length ? familiar : null, Layers: v1ids.map((v) => `${v}/layer.tar`) });
  }
  const manifestBytes = Buffer.from(`${goJson(manifest)}\n`);
  files.push({ header: { ...fileHeader('manifest.json', 0), size: manifestBytes.length }, content: manifestBytes });
  if (Object.keys(repositories).length) {
    const repoBytes = Buffer.from(`${goJson(repositories)}\n`);
    files.push({ header: { ...fileHeader('repositories', 0), size: repoBytes.length }, content: repoBytes });
  }
  files.sort((a, b) => (a.header.name < b.header.name ? -1 : a.header.name > b.header.name ? 1 : 0));
  yield* files;
}

/** <v1id>/ entries for each layer (once per v1 id); returns the v1 ids, base first. */
function layerEntries(engine: Engine, image: ImageRecord, created: number, files: TarSource[], written: Set<string>): string[] {
  const blobs = imageStorage(engine).blobs;
  const diffIds = image.Config.rootfs.diff_ids;
  if (diffIds.length === 0) throw new EngineError('invalid-argument', 'empty-export', 'empty export - not implemented');
  const v1ids: string[] = [];
  for (const [i, diffId] of diffIds.entries()) {
    const top = i === diffIds.length - 1;
    const parent = v1ids[i - 1] ?? '';
    const v1 = sha256Hex(`${parent}\n${image.Layers[i]}${top ? `\n${image.Id}` : ''}`);
    v1ids.push(v1);
    if (written.has(v1)) continue;
    written.add(v1);
    if (!blobs.has(diffId)) throw new EngineError('internal', 'layer-blob-missing', `layer ${diffId} of ${image.Id} has no stored tar`);
    const json = Buffer.from(goJson({ id: v1, ...(parent ? { parent } : {}), created: top ? image.Config.created : '1970-01-01T00:00:00Z', container_config: emptyRunConfig(), os: image.Config.os || 'linux' }));
    files.push({ header: { ...emptyHeader(`${v1}/`, 'dir'), mtime: created } });
    files.push({ header: { ...fileHeader(`${v1}/VERSION`, created), size: 3 }, content: Buffer.from('1.0') });
    files.push({ header: { ...fileHeader(`${v1}/json`, created), size: json.length }, content: json });
    files.push({ header: { ...fileHeader(`${v1}/layer.tar`, created), size: blobs.size(diffId) }, content: () => blobs.open(diffId) });
  }
  return v1ids;
}

const fileHeader = (name: string, mtime: number) => ({ ...emptyHeader(name, 'file'), mtime });

export const emptyRunConfig = () => ({
  Hostname: '', Domainname: '', User: '', AttachStdin: false, AttachStdout: false, AttachStderr: false, Tty: false, OpenStdin: false,
  StdinOnce: false, Env: null, Cmd: null, Image: '', Volumes: null, WorkingDir: '', Entrypoint: null, OnBuild: null, Labels: null,
});
