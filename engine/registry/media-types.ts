// Media types of the distribution protocol (Docker schema2 and OCI), and the Accept list a pull sends.
export const MediaType = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerForeignLayer: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
} as const;

/** What a pull accepts, as Docker 20.10 sends it (one Accept value each). */
export const MANIFEST_ACCEPT = [
  MediaType.ociManifest, MediaType.dockerManifest, MediaType.dockerList, MediaType.ociIndex, MediaType.dockerSchema1, 'application/json',
];

export const isIndexType = (t: string) => t === MediaType.dockerList || t === MediaType.ociIndex;
export const isManifestType = (t: string) => t === MediaType.dockerManifest || t === MediaType.ociManifest;

/** Foreign and non-distributable layers are never pushed (their URLs say where they live). */
export const isForeignLayer = (t: string) => t === MediaType.dockerForeignLayer || t.includes('.nondistributable.');

/** A Content-Type header without parameters (`; charset=utf-8` is ignored by the spec). */
export const bareType = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim();
