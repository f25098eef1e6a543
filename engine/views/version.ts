// `docker version`: docker/cli's versionInfo {Client, Server} as the Go struct its --format templates
// see, and its default template (rendered through a tabwriter).
// docker parity: cli@28.2 cli/command/system/version.go; api/types/types.go Version, ComponentVersion
import type { ServerVersion } from '../domain/system/version.js';
import { B, def, map, ptr, S, slice, struct } from './go-typed.js';
import { goTyped } from './go-typed.js';

export interface ClientVersion {
  Platform?: { Name: string };
  Version: string; ApiVersion: string; DefaultAPIVersion: string; GitCommit: string; GoVersion: string;
  Os: string; Arch: string; BuildTime: string; Context: string;
}

const PLATFORM = def('struct { Name string }', { Name: S });
export const CLIENT_VERSION = def('system.clientVersion', {
  'Platform?': ptr(def('system.platformInfo', { Name: S })), Version: S, 'APIVersion:ApiVersion?': S, 'DefaultAPIVersion?': S,
  GitCommit: S, GoVersion: S, Os: S, Arch: S, 'BuildTime?': S, Context: S,
});
const COMPONENT = def('types.ComponentVersion', { Name: S, Version: S, 'Details?': map('map[string]string') });
const SERVER = def('types.Version', {
  Platform: struct(PLATFORM), 'Components?': slice('[]types.ComponentVersion', struct(COMPONENT)), Version: S,
  'APIVersion:ApiVersion': S, 'MinAPIVersion?': S, GitCommit: S, GoVersion: S, Os: S, Arch: S, 'KernelVersion?': S,
  'Experimental?': B, 'BuildTime?': S,
});
const VERSION_INFO = def('system.versionInfo', { Client: struct(CLIENT_VERSION), Server: ptr(SERVER) });

export function versionInfo(client: ClientVersion, server: ServerVersion | undefined): object {
  return goTyped({ Client: client, Server: server ?? null } as Record<string, unknown>, VERSION_INFO);
}

/** docker/cli's getDetailsOrder: a component's detail keys, sorted. */
export const getDetailsOrder = (c: { Details?: Record<string, string> }) => Object.keys(c.Details ?? {}).sort();

export const DEFAULT_VERSION_TEMPLATE = `{{with .Client -}}
Client:{{if ne .Platform nil}}{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}{{end}}
 Version:\t{{.Version}}
 API version:\t{{.APIVersion}}{{if ne .APIVersion .DefaultAPIVersion}} (downgraded from {{.DefaultAPIVersion}}){{end}}
 Go version:\t{{.GoVersion}}
 Git commit:\t{{.GitCommit}}
 Built:\t{{.BuildTime}}
 OS/Arch:\t{{.Os}}/{{.Arch}}
 Context:\t{{.Context}}
{{- end}}

{{- if ne .Server nil}}{{with .Server}}

Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
 {{- range $component := .Components}}
 {{$component.Name}}:
  {{- if eq $component.Name "Engine" }}
  Version:\t{{.Version}}
  API version:\t{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
  Go version:\t{{index .Details "GoVersion"}}
  Git commit:\t{{index .Details "GitCommit"}}
  Built:\t{{index .Details "BuildTime"}}
  OS/Arch:\t{{index .Details "Os"}}/{{index .Details "Arch"}}
  Experimental:\t{{index .Details "Experimental"}}
  {{- else }}
  Version:\t{{$component.Version}}
  {{- $detailsOrder := getDetailsOrder $component}}
  {{- range $key := $detailsOrder}}
  {{$key}}:\t{{index $component.Details $key}}
   {{- end}}
  {{- end}}
 {{- end}}
 {{- end}}
{{- end}}`;
