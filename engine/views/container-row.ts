// docker/cli's ContainerContext: the fields `ps --format` and the ps table see, computed from the
// API's ContainerSummary exactly as the docker CLI computes them.
import { ellipsis, goQuote, goTimeString, humanDuration, humanSizeWithPrecision } from '../format/index.js';
import type { ContainerSummary } from './container-summary.js';

export const PS_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS',
  State: 'STATE', Status: 'STATUS', Size: 'SIZE', Names: 'NAMES', Labels: 'LABELS', Mounts: 'MOUNTS', Networks: 'NETWORKS',
  LocalVolumes: 'LOCAL VOLUMES', Platform: 'PLATFORM',
};

export const PS_DEFAULT_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

const familiar = (image: string) => image.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');

export function containerRow(c: ContainerSummary, opts: { trunc: boolean; now: number }) {
  const command = opts.trunc ? ellipsis(c.Command, 20) : c.Command;
  const sorted = Object.keys(c.Labels).sort().map((k) => `${k}=${c.Labels[k]}`);
  return {
    ID: opts.trunc ? c.Id.slice(0, 12) : c.Id,
    Image: imageColumn(c.Image, opts.trunc),
    Command: goQuote(command),
    CreatedAt: goTimeString(new Date(c.Created * 1000)),
    RunningFor: `${humanDuration(Math.max(0, opts.now - c.Created * 1000))} ago`,
    Ports: '',
    State: c.State,
    Status: c.Status,
    Size: c.SizeRw === undefined ? '0B' : `${humanSizeWithPrecision(c.SizeRw, 3)}${c.SizeRootFs ? ` (virtual ${humanSizeWithPrecision(c.SizeRootFs, 3)})` : ''}`,
    Names: namesColumn(c.Names, opts.trunc),
    Labels: sorted.join(','),
    Label: (name: string) => c.Labels[name] ?? '',
    Mounts: '',
    Networks: Object.keys(c.NetworkSettings.Networks).sort().join(','),
    LocalVolumes: '0',
    Platform: null,
  };
}

function imageColumn(image: string, trunc: boolean): string {
  if (image === '') return '<no image>';
  if (!trunc) return image;
  if (/^sha256:[0-9a-f]{64}$/.test(image)) return image.slice(7, 19);
  return familiar(image);
}

// docker parity: docker/cli formatter/container.go Names(): with truncation only names without a second '/'.
function namesColumn(names: string[], trunc: boolean): string {
  const stripped = names.map((n) => n.replace(/^\//, ''));
  return (trunc ? stripped.filter((n) => !n.includes('/')) : stripped).join(',');
}
