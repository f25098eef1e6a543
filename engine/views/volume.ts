// The Docker-shaped projections of a volume: GET /volumes/{name} and `volume inspect` (volume.Volume,
// Go's field order), and the `volume ls` row (docker/cli formatter.volumeContext).
// docker parity: cli@28.2 cli/command/formatter/volume.go; moby api/types/volume/volume.go
import type { VolumeRecord } from '../model/volume.js';
import { def, goTyped, map, ptr, S } from './go-typed.js';
import { labelsColumn, rowContext } from './row-context.js';

const VOLUME = def('volume.Volume', {
  'ClusterVolume?': ptr('volume.ClusterVolume'), 'CreatedAt?': S, Driver: S, Labels: map('map[string]string'), Mountpoint: S, Name: S,
  Options: map('map[string]string'), Scope: S, 'Status?': map('map[string]interface {}'), 'UsageData?': ptr('volume.UsageData'),
});

/** The API's JSON for one volume. */
export function volumeJson(v: VolumeRecord, mountpoint: string): Record<string, unknown> {
  return { CreatedAt: v.CreatedAt, Driver: v.Driver, Labels: v.Labels, Mountpoint: mountpoint, Name: v.Name, Options: v.Options, Scope: 'local' };
}

/** What `volume inspect` templates see. */
export const volumeInspect = (v: VolumeRecord, mountpoint: string) => goTyped(volumeJson(v, mountpoint), VOLUME);

export const VOLUME_TABLE = 'table {{.Driver}}\t{{.Name}}';
export const VOLUME_HEADERS: Record<string, string> = {
  ID: 'ID', Name: 'VOLUME NAME', Group: 'GROUP', Driver: 'DRIVER', Scope: 'SCOPE', Availability: 'AVAILABILITY',
  Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS', Size: 'SIZE', Status: 'STATUS',
};

// docker parity: formatter/volume.go NewVolumeFormat
export function volumeFormat(source: string, quiet: boolean): string {
  if (source === 'table') return quiet ? '{{.Name}}' : VOLUME_TABLE;
  if (source === 'raw') return quiet ? 'name: {{.Name}}' : 'name: {{.Name}}\\ndriver: {{.Driver}}\\n';
  return source;
}

export function volumeRow(v: VolumeRecord, mountpoint: string) {
  return rowContext({
    Availability: 'N/A', Driver: v.Driver, Group: 'N/A', Labels: labelsColumn(v.Labels), Links: 'N/A', Mountpoint: mountpoint,
    Name: v.Name, Scope: 'local', Size: 'N/A', Status: 'N/A',
  }, v.Labels, '*formatter.volumeContext');
}
