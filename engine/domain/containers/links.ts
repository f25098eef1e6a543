// Legacy links on the default bridge: `--link name[:alias]` is checked at create and stored as
// "/target:/container/alias"; at start each becomes an /etc/hosts line for the target's address.
// On user-defined networks the CLI's links are endpoint aliases and Docker does not register them.
// docker parity: moby 20.10 daemon/daemon_unix.go registerLinks, daemon/links.go, libnetwork sandbox_externalkey
import type { Engine } from '../../context.js';
import { conflict, daemonInvalid } from '../../errors.js';
import type { HostConfig } from '../../model/docker-types.js';

const isUserDefined = (mode: string) => !['', 'default', 'bridge', 'host', 'none'].includes(mode) && !mode.startsWith('container:');

/** Normalizes HostConfig.Links for a new container named `name`; a missing target is moby's error. */
export function registerLinks(engine: Engine, hc: HostConfig, name: string): void {
  if (!hc.Links?.length || isUserDefined(hc.NetworkMode || 'default')) return;
  hc.Links = hc.Links.map((link) => {
    const [target = '', alias = target.replace(/^\//, '')] = link.replace(/^\//, '').split(':');
    const child = target.replace(/^\//, '');
    let rec;
    try { rec = engine.state.lookupContainer(child); } catch { rec = undefined; }
    if (!rec) throw daemonInvalid('no-such-link', `could not get container for ${child}: No such container: ${child}`);
    const aliasName = alias.replace(/^.*\//, '');
    return `/${rec.Name}:/${name}/${aliasName}`;
  });
}

/** The /etc/hosts lines of a starting container's links ("IP\talias shortid name"). */
export function linkHostEntries(engine: Engine, hc: HostConfig, addressOf: (id: string) => string | undefined): Array<{ ip: string; names: string }> {
  if (isUserDefined(hc.NetworkMode || 'default')) return [];
  return (hc.Links ?? []).flatMap((link) => {
    const m = /^\/([^:]+):\/[^/]+\/(.+)$/.exec(link);
    if (!m) return [];
    const target = engine.state.lookupContainer(m[1]!);
    if (!target || target.State.Status !== 'running') {
      // docker parity: moby daemon/container_operations.go (links to stopped containers)
      throw conflict('link-not-running', `Cannot link to a non running container: /${m[1]} AS ${link.slice(link.indexOf(':') + 1)}`);
    }
    const ip = addressOf(target.Id);
    if (!ip) return [];
    const alias = m[2]!;
    const names = alias === target.Name ? `${alias} ${target.Id.slice(0, 12)}` : `${alias} ${target.Id.slice(0, 12)} ${target.Name}`;
    return [{ ip, names }];
  });
}
