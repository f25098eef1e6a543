// docker/cli's ContainerContext: the fields `ps --format` and the ps table see, computed from the
// API's ContainerSummary exactly as the docker CLI computes them. Templates see a Go struct
// (*formatter.ContainerContext): unknown fields are errors, and `{{json .}}` is its MarshalJSON
// (every zero-argument method, keys sorted, HTML escaped).
// docker parity: cli@28.2 cli/command/formatter/container.go, formatter/reflect.go
import { ellipsis, goQuote, goStruct, goTimeString, GO_MARSHAL_JSON, humanDuration, humanSizeWithPrecision, marshalJSON } from '../format/index.js';
import { familiarString, parseNormalizedNamed } from '../images/reference.js';
import type { ContainerSummary } from './container-summary.js';
import { displayablePorts } from './container-ports.js';

export const PS_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS',
  State: 'STATE', Status: 'STATUS', Size: 'SIZE', Names: 'NAMES', Labels: 'LABELS', Mounts: 'MOUNTS', Networks: 'NETWORKS',
  LocalVolumes: 'LOCAL VOLUMES', Platform: 'PLATFORM',
};

export const PS_DEFAULT_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

// docker parity: cli@28.2 formatter/container.go NewContainerFormat (RawFormatKey)
export const PS_RAW_FORMAT = 'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\n'
  + 'state: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n';

export interface ContainerRow {
  ID: string; Image: string; Command: string; CreatedAt: string; RunningFor: string; Ports: string; State: string; Status: string;
  Size: string; Names: string; Labels: string; Mounts: string; Networks: string; LocalVolumes: string; Platform: null;
  Label(name: string): string;
}

export function containerRow(c: ContainerSummary, opts: { trunc: boolean; now: number }): ContainerRow {
  return asContext(rowFields(c, opts), c.Labels);
}

/**
 * The context docker runs a --format template on before listing (an empty container), to reject bad
 * templates and to learn whether the template reads .Size; `used` fills in as fields are read.
 */
export function containerRowProbe(now: number): { row: ContainerRow; used: Set<string> } {
  const used = new Set<string>();
  const empty: ContainerSummary = {
    Id: '', Names: [], Image: '', ImageID: '', Command: '', Created: 0, Ports: [], Labels: {}, State: '', Status: '',
    HostConfig: { NetworkMode: '' }, NetworkSettings: { Networks: {} }, Mounts: [],
  };
  return { row: asContext(rowFields(empty, { trunc: false, now }), {}, (name) => used.add(name)), used };
}

function rowFields(c: ContainerSummary, opts: { trunc: boolean; now: number }): Omit<ContainerRow, 'Label'> {
  const command = opts.trunc ? ellipsis(c.Command, 20) : c.Command;
  const sorted = Object.keys(c.Labels).map((k) => `${k}=${c.Labels[k]}`).sort();
  return {
    ID: opts.trunc ? truncateId(c.Id) : c.Id,
    Image: imageColumn(c, opts.trunc),
    Command: goQuote(command),
    CreatedAt: goTimeString(new Date(c.Created * 1000)),
    RunningFor: `${humanDuration(Math.max(0, opts.now - c.Created * 1000))} ago`,
    Ports: displayablePorts(c.Ports),
    State: c.State,
    Status: c.Status,
    Size: sizeColumn(c.SizeRw ?? 0, c.SizeRootFs ?? 0),
    Names: namesColumn(c.Names, opts.trunc),
    Labels: sorted.join(','),
    Mounts: mountsColumn(c, opts.trunc),
    Networks: Object.keys(c.NetworkSettings.Networks).sort().join(','),
    LocalVolumes: String(c.Mounts.filter((m) => m.Driver === 'local').length),
    Platform: null,
  };
}

/** Fields become getters (so a probe can see which are read); Label is the one method with an argument. */
function asContext(fields: Omit<ContainerRow, 'Label'>, labels: Record<string, string>, onUse?: (name: string) => void): ContainerRow {
  const ctx = {} as ContainerRow;
  for (const [k, v] of Object.entries(fields)) {
    Object.defineProperty(ctx, k, { enumerable: true, get: () => { onUse?.(k); return v; } });
  }
  Object.defineProperty(ctx, 'Label', { value: (name: string) => labels[name] ?? '' });
  // docker parity: formatter/reflect.go MarshalJSON: json.Marshal of a map (sorted keys, HTML escaped)
  Object.defineProperty(ctx, GO_MARSHAL_JSON, { value: () => marshalJSON(new Map(Object.entries(ctx)), { escapeHTML: true }) });
  return goStruct(ctx, '*formatter.ContainerContext');
}

// docker parity: formatter/container.go Mounts() — the volume's name or the bind's source, cut at 15
function mountsColumn(c: ContainerSummary, trunc: boolean): string {
  return c.Mounts.map((m) => { const name = m.Name || m.Source || ''; return trunc ? ellipsis(name, 15) : name; }).join(',');
}

// docker parity: formatter/container.go Size()
function sizeColumn(rw: number, rootFs: number): string {
  const srw = humanSizeWithPrecision(rw, 3);
  return rootFs > 0 ? `${srw} (virtual ${humanSizeWithPrecision(rootFs, 3)})` : srw;
}

// docker parity: formatter/container.go Image(): an id stays short; a name loses its domain (and a digest).
function imageColumn(c: ContainerSummary, trunc: boolean): string {
  if (c.Image === '') return '<no image>';
  if (!trunc) return c.Image;
  if (truncateId(c.ImageID) === truncateId(c.Image)) return truncateId(c.Image);
  try {
    const ref = parseNormalizedNamed(c.Image);
    return familiarString({ domain: ref.domain, path: ref.path, tag: ref.tag });
  } catch {
    return c.Image;
  }
}

// docker parity: moby pkg/stringid TruncateID (drops everything up to a ':')
const truncateId = (id: string) => id.slice(id.indexOf(':') + 1).slice(0, 12);

// docker parity: formatter/container.go Names(): truncated, only the first name without a '/'.
function namesColumn(names: string[], trunc: boolean): string {
  const stripped = names.map((n) => n.slice(1));
  const plain = trunc ? stripped.find((n) => !n.includes('/')) : undefined;
  return (plain !== undefined ? [plain] : stripped).join(',');
}
