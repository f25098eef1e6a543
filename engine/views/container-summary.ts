// GET /containers/json items; `ps` rows are computed from these (as docker/cli does).
import type { ContainerRecord } from '../model/container.js';
import { humanDuration } from '../format/units.js';
import { parseTime } from './time.js';
import { mountPoints } from './container-inspect.js';
import { summaryPorts, type SummaryPort } from './container-ports.js';
import { livePorts, networkSettings, type NetworkRuntime } from './container-network.js';

export interface ContainerSummary {
  Id: string; Names: string[]; Image: string; ImageID: string; Command: string; Created: number;
  Ports: SummaryPort[];
  SizeRw?: number; SizeRootFs?: number;
  Labels: Record<string, string>; State: string; Status: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Networks: Record<string, unknown> };
  Mounts: Array<{ Name?: string; Source?: string; Destination?: string; Driver?: string }>;
}

export function containerSummary(rec: ContainerRecord, imageDisplay: string, now: number, sizes?: { rw: number; rootFs: number }, network?: NetworkRuntime): ContainerSummary {
  const summary: ContainerSummary = {
    Id: rec.Id,
    Names: [`/${rec.Name}`],
    Image: imageDisplay,
    ImageID: rec.ImageId,
    Command: summaryCommand(rec.Path, rec.Args),
    Created: Math.floor(Date.parse(rec.Created) / 1000),
    Ports: summaryPorts(livePorts(rec, network) as Record<string, Array<{ HostIp: string; HostPort: string }> | null>),
    // docker parity: both sizes are `json:",omitempty"` and sit after Ports (api/types Container)
    ...(sizes?.rw ? { SizeRw: sizes.rw } : {}),
    ...(sizes?.rootFs ? { SizeRootFs: sizes.rootFs } : {}),
    Labels: rec.Config.Labels ?? {},
    State: rec.State.Status,
    Status: statusText(rec, now),
    HostConfig: { NetworkMode: rec.HostConfig.NetworkMode || 'default' },
    NetworkSettings: { Networks: networkSettings(rec, network).Networks as Record<string, unknown> },
    Mounts: mountPoints(rec),
  };
  return summary;
}

// docker parity: moby container/view.go transform — arguments holding a space are wrapped in single quotes.
export function summaryCommand(path: string, args: string[]): string {
  if (args.length === 0) return path;
  return `${path} ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

// docker parity: moby container/state.go String()
export function statusText(rec: ContainerRecord, now: number): string {
  const s = rec.State;
  const since = (t: string) => humanDuration(Math.max(0, now - parseTime(t)));
  switch (s.Status) {
    case 'running': return `Up ${since(s.StartedAt)}`;
    case 'paused': return `Up ${since(s.StartedAt)} (Paused)`;
    case 'restarting': return `Restarting (${s.ExitCode}) ${since(s.FinishedAt)} ago`;
    case 'removing': return 'Removal In Progress';
    case 'dead': return 'Dead';
    case 'created': return 'Created';
    case 'exited': return parseTime(s.FinishedAt) === 0 ? '' : `Exited (${s.ExitCode}) ${since(s.FinishedAt)} ago`;
  }
}
