// The Docker-shaped projection of a container: GET /containers/{id}/json, `inspect` and `--format`
// all evaluate this one object (Docker 20.10's key order). Templates see it as docker/cli's Go
// struct (container.InspectResponse); JSON.stringify gives the API's JSON.
import type { ContainerRecord } from '../model/container.js';
import { CONFIG, INSPECT_RESPONSE } from './container-inspect-types.js';
import { goTyped } from './go-typed.js';
import { networkSettings, type NetworkRuntime } from './container-network.js';
import { dockerDriverName } from './driver-name.js';

export interface InspectContext {
  hostsPath: string; hostnamePath: string; resolvConfPath: string; logPath: string;
  graphDriver: { Name: string; Data: Record<string, string> | null };
  execIds: string[] | null;
  sizeRw?: number; sizeRootFs?: number;
  /** The container's sandbox and live endpoints (absent: as if it had no network state). */
  network?: NetworkRuntime;
}

export function containerInspect(rec: ContainerRecord, ctx: InspectContext): Record<string, unknown> {
  return goTyped(containerInspectJson(rec, ctx), INSPECT_RESPONSE) as Record<string, unknown>;
}

/** The plain JSON document of GET /containers/{id}/json. */
export function containerInspectJson(rec: ContainerRecord, ctx: InspectContext): Record<string, unknown> {
  const s = rec.State;
  const started = s.StartCount > 0 || s.Status !== 'created';
  const view: Record<string, unknown> = {
    Id: rec.Id,
    Created: rec.Created,
    Path: rec.Path,
    Args: rec.Args,
    State: {
      Status: s.Status, Running: s.Status === 'running' || s.Status === 'paused', Paused: s.Status === 'paused',
      Restarting: s.Status === 'restarting', OOMKilled: s.OOMKilled, Dead: s.Status === 'dead', Pid: s.Pid,
      ExitCode: s.ExitCode, Error: s.Error, StartedAt: s.StartedAt, FinishedAt: s.FinishedAt,
    },
    Image: rec.ImageId,
    ResolvConfPath: started ? ctx.resolvConfPath : '',
    HostnamePath: started ? ctx.hostnamePath : '',
    HostsPath: started ? ctx.hostsPath : '',
    LogPath: started ? ctx.logPath : '',
    Name: `/${rec.Name}`,
    RestartCount: s.RestartCount,
    Driver: dockerDriverName(rec.Driver),
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: ctx.execIds && ctx.execIds.length > 0 ? ctx.execIds : null,
    HostConfig: rec.HostConfig,
    GraphDriver: { Data: ctx.graphDriver.Data, Name: dockerDriverName(ctx.graphDriver.Name) },
  };
  if (ctx.sizeRw !== undefined) view.SizeRw = ctx.sizeRw;
  if (ctx.sizeRootFs !== undefined) view.SizeRootFs = ctx.sizeRootFs;
  view.Mounts = mountPoints(rec);
  view.Config = inConfigOrder(rec.Config);
  view.NetworkSettings = networkSettings(rec, ctx.network);
  return view;
}

// container.Config's field order (a record merged from the image and the request keeps neither order).
const CONFIG_ORDER = Object.keys(CONFIG.fields).map((k) => k.replace(/\?$/, '').split(':').pop()!);

function inConfigOrder(config: ContainerRecord['Config']): Record<string, unknown> {
  const c = config as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of [...CONFIG_ORDER, ...Object.keys(c)]) if (k in c && !(k in out)) out[k] = c[k];
  return out;
}

/** inspect's Mounts (and the summary's): the mount points resolved at create, Name/Driver only for volumes. */
export function mountPoints(rec: ContainerRecord): Array<Record<string, unknown>> {
  if (rec.MountPoints) {
    return rec.MountPoints.map((m) => ({
      Type: m.Type, ...(m.Name ? { Name: m.Name } : {}), Source: m.Source, Destination: m.Destination,
      ...(m.Driver ? { Driver: m.Driver } : {}), Mode: m.Mode, RW: m.RW, Propagation: m.Propagation,
    }));
  }
  const binds = (rec.HostConfig.Binds ?? []).map((b) => {
    const [source = '', destination = '', mode = ''] = b.split(':');
    return { Type: 'bind', Source: source, Destination: destination, Mode: mode, RW: !mode.split(',').includes('ro'), Propagation: 'rprivate' };
  });
  const mounts = (rec.HostConfig.Mounts ?? []).map((m) => ({
    Type: m.Type, Source: m.Source ?? '', Destination: m.Target, Mode: '', RW: !m.ReadOnly,
    Propagation: m.Type === 'bind' ? m.BindOptions?.Propagation ?? 'rprivate' : '',
  }));
  return [...binds, ...mounts];
}

export function networkNames(rec: ContainerRecord): string[] {
  const mode = rec.HostConfig.NetworkMode || 'default';
  return [mode === 'default' ? 'bridge' : mode];
}
