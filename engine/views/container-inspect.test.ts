import { describe, expect, it } from 'vitest';
import { FormatError, marshalJSON, renderOne } from '../format/index.js';
import { initialState, type ContainerRecord } from '../model/container.js';
import { defaultHostConfig, emptyContainerConfig } from '../model/defaults.js';
import { containerInspect, containerInspectJson, type InspectContext } from './container-inspect.js';

const rec: ContainerRecord = {
  Id: 'a'.repeat(64), Name: 'web', Created: '2026-11-28T00:00:00.000000001Z', ImageRef: 'busybox', ImageId: `sha256:${'b'.repeat(64)}`,
  Path: 'sleep', Args: ['100'], Config: { ...emptyContainerConfig(), Cmd: ['sleep', '100'], Image: 'busybox', Labels: { a: '<1>' } },
  HostConfig: defaultHostConfig(), NetworkingConfig: { EndpointsConfig: {} },
  State: { ...initialState(), Status: 'running', Pid: 42, StartCount: 1, StartedAt: '2026-11-28T00:00:01Z' }, Driver: 'overlay', LayerId: 'l',
};
const ctx: InspectContext = {
  hostsPath: '/h', hostnamePath: '/hn', resolvConfPath: '/r', logPath: '/l',
  graphDriver: { Name: 'overlay', Data: { MergedDir: '/m' } }, execIds: null,
};
const view = containerInspect(rec, ctx);
const tmpl = (f: string) => renderOne(f, view);

describe('container inspect view', () => {
  it('serialises to exactly the plain JSON document', () => {
    const plain = containerInspectJson(rec, ctx);
    expect(JSON.stringify(view)).toBe(JSON.stringify(plain));
    expect(Object.keys(plain).slice(0, 4)).toEqual(['Id', 'Created', 'Path', 'Args']);
    expect(Object.keys(plain.GraphDriver as object)).toEqual(['Data', 'Name']);
    expect(JSON.stringify(view)).not.toContain('SizeRw');
  });

  it("marshals as docker/cli 28's Go structs for `json`: declared fields, omitempty dropped, maps sorted", () => {
    const hc = JSON.parse(tmpl('{{json .HostConfig}}')) as Record<string, unknown>;
    expect(hc).not.toHaveProperty('KernelMemory');
    expect(hc).not.toHaveProperty('Init');
    expect(hc.Runtime).toBe('runc');
    expect(JSON.parse(marshalJSON(view)).HostConfig).not.toHaveProperty('KernelMemory');
    expect(JSON.stringify(view)).toContain('"KernelMemory":0');
    expect(tmpl('{{json .State}}')).not.toContain('Health');
    expect(renderOne('{{json .Config.Labels}}', containerInspect({ ...rec, Config: { ...rec.Config, Labels: { b: '1', a: '2' } } }, ctx))).toBe('{"a":"2","b":"1"}\n');
  });

  it('fails on unknown fields like docker (typed run, then the raw map with missingkey=error)', () => {
    expect(() => tmpl('{{.Nope}}')).toThrow(FormatError);
    expect(() => tmpl('{{.Nope}}')).toThrow('template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"');
    expect(() => tmpl('{{.State.Health.Status}}')).toThrow('map has no entry for key "Health"');
    expect(() => tmpl('{{.HostConfig.Nope}}')).toThrow('at <.HostConfig.Nope>');
    expect(() => tmpl('{{.Config.Nope}}')).toThrow('at <.Config.Nope>');
  });

  it('prints Go values: structs, nil pointers, nil slices and maps', () => {
    expect(tmpl('{{.State}}')).toBe('{running true false false false false 42 0  2026-11-28T00:00:01Z 0001-01-01T00:00:00Z <nil>}\n');
    expect(tmpl('{{.State.Health}}|{{.SizeRw}}|{{.Config.StopTimeout}}|{{.HostConfig.Init}}')).toBe('<nil>|<nil>|<nil>|<nil>\n');
    expect(tmpl('{{.ExecIDs}}|{{.HostConfig.Binds}}|{{.Config.Shell}}|{{.HostConfig.Tmpfs}}|{{.Config.ExposedPorts}}')).toBe('[]|[]|[]|map[]|map[]\n');
    expect(tmpl('{{.HostConfig.RestartPolicy}} {{.HostConfig.LogConfig}}')).toBe('{no 0} {json-file map[]}\n');
    expect(tmpl('{{json .ExecIDs}} {{len .ExecIDs}} {{json .State.Health}}')).toBe('null 0 null\n');
  });

  it('uses Go field names, falling back to the JSON names as docker does', () => {
    expect(tmpl('{{.ID}}')).toBe(`${rec.Id}\n`);
    expect(tmpl('{{.Id}}')).toBe(`${rec.Id}\n`);
    expect(tmpl('{{.HostConfig.CPUShares}} {{.HostConfig.Memory}}')).toBe('0 0\n');
    expect(tmpl('{{.HostConfig.CpuShares}}')).toBe('0\n');
    expect(tmpl('{{.NetworkSettings.IPAddress}}|{{.NetworkSettings.NetworkSettingsBase.HairpinMode}}')).toBe('|false\n');
    expect(tmpl('{{json .Config.Labels}} {{.Config.Labels.nope}}')).toBe('{"a":"<1>"} <no value>\n');
  });
});
