// The volume side of storage for one engine: the local driver rooted at the engine's volumes dir.
import type { Engine } from '../context.js';
import { hostFsOps } from '../storage/fs-ops.js';
import { LocalVolumes } from './local.js';

export { LocalVolumes, checkLocalOptions, copyImageContent, checkNotFile } from './local.js';

export const localVolumes = (engine: Engine) => new LocalVolumes(engine.config.paths.volumes, hostFsOps);
