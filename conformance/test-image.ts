// The test image: built from fixtures once per run, loaded into every target as the very same bytes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBusyboxArchive } from '../fixtures/images/build-busybox.js';
import type { Environment } from './placeholders.js';

export const REGISTRY = process.env.SKIFF_CONFORMANCE_REGISTRY ?? '127.0.0.1:5000';

export async function buildTestImage(): Promise<{ archive: string; env: Environment }> {
  const { archive, imageId } = await buildBusyboxArchive('busybox:latest');
  const path = join(mkdtempSync(join(tmpdir(), 'skiff-conformance-')), 'busybox.tar');
  writeFileSync(path, archive);
  return { archive: path, env: { image: 'busybox:latest', imageId, registry: REGISTRY, labelKey: 'skiff.conformance' } };
}
