// The whole route table, group by group. Order matters only where a pattern could shadow another.
import { Router } from '../router.js';
import { archiveRoutes } from './archive.js';
import { containerRoutes } from './containers.js';
import { eventRoutes } from './events.js';
import { execRoutes } from './exec.js';
import { imageRoutes } from './images.js';
import { networkRoutes } from './networks.js';
import { streamRoutes } from './streams.js';
import { systemRoutes } from './system.js';
import { unsupportedRoutes } from './unsupported.js';
import { volumeRoutes } from './volumes.js';

export function apiRouter(): Router {
  const r = new Router();
  systemRoutes(r);
  containerRoutes(r);
  archiveRoutes(r);
  streamRoutes(r);
  execRoutes(r);
  imageRoutes(r);
  networkRoutes(r);
  volumeRoutes(r);
  eventRoutes(r);
  unsupportedRoutes(r);
  return r;
}
