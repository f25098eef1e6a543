// Releasing a container's network: claimed in a transaction first, so that of the detaches racing
// on every stop path (stop, rm, conmon's exit command) exactly one tears down; a second netavark
// teardown after the first would leave empty firewall chains behind.
import { rmSync } from 'node:fs';
import type { Engine } from '../context.js';
import type { EndpointRecord, SandboxRecord } from '../model/network.js';
import { removeNetns } from '../sys/netns.js';
import { sleep } from '../sys/process.js';
import { stopSlirp } from '../sys/slirp.js';
import { mappingsOf } from './ports.js';
import { netavark, netavarkOptions, type NetavarkAttachment } from './netavark.js';
import { natMappings, netavarkRunner, withNetavarkLock } from './attach.js';
import { netStore } from './store.js';
import { releaseRootlessNetns, removeForwards } from './rootless-netns.js';

// A claim older than this belongs to a process that died mid-teardown.
const CLAIM_TTL_MS = 120_000;

type Claim = { sandbox: SandboxRecord; attachments: NetavarkAttachment[] } | 'none' | 'busy';

function claim(engine: Engine, containerId: string, upTo: number): Claim {
  const store = netStore(engine);
  return store.transaction((): Claim => {
    const sandbox = store.getSandbox(containerId);
    if (!sandbox || (sandbox.Generation ?? 0) > upTo) return 'none';
    if (sandbox.Detaching && Date.now() - sandbox.Detaching < CLAIM_TTL_MS) return 'busy';
    store.putSandbox({ ...sandbox, Detaching: Date.now() });
    const attachments = store.listEndpoints({ containerId })
      .map((endpoint: EndpointRecord) => ({ endpoint, network: store.getNetwork(endpoint.NetworkId) }))
      .filter((a): a is NetavarkAttachment => a.network?.Bridge !== undefined);
    return { sandbox, attachments };
  });
}

/**
 * netavark teardown (errors are only logged), slirp4netns, the netns file, then the leases and the
 * sandbox. Only a sandbox of start number `upTo` or earlier: a restarted container's new sandbox is
 * safe from the exit command of its previous run.
 */
export async function detachSandbox(engine: Engine, containerId: string, upTo = Number.MAX_SAFE_INTEGER): Promise<void> {
  let claimed = claim(engine, containerId, upTo);
  // Another process is tearing it down: return when it is done, as Docker's rm returns after the teardown.
  for (let i = 0; claimed === 'busy' && i < 300; i++) {
    await sleep(100);
    claimed = claim(engine, containerId, upTo);
  }
  if (typeof claimed === 'string') return;
  const { sandbox, attachments } = claimed;
  if (sandbox.Slirp) stopSlirp(sandbox.Slirp.Pid);
  if (sandbox.RootlessNetns) await removeForwards(engine, sandbox.RootlessNetns.Forwards);
  if (attachments.length > 0) {
    const rec = engine.state.getContainer(containerId);
    const options = netavarkOptions({
      containerId, containerName: rec?.Name ?? attachments[0]!.endpoint.ContainerName, attachments,
      ports: natMappings(engine, mappingsOf(sandbox.Ports)), dnsServers: rec?.HostConfig.Dns ?? [],
    });
    await withNetavarkLock(engine, () => netavark(netavarkRunner(engine), 'teardown', sandbox.Key, options))
      .catch((e) => engine.log.debug(`teardown ${containerId}: ${(e as Error).message}`));
  }
  await removeNetns(sandbox.Key);
  for (const ext of ['.sock', '.exit', '.log']) rmSync(`${sandbox.Key}${ext}`, { force: true });
  netStore(engine).transaction(() => {
    netStore(engine).deleteEndpoints(containerId);
    netStore(engine).deleteSandbox(containerId);
  });
  if (sandbox.RootlessNetns) await releaseRootlessNetns(engine).catch((e) => engine.log.debug(`rootless netns: ${(e as Error).message}`));
}
