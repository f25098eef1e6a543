import { describe, expect, it } from 'vitest';
import { DOCKER_FUNCS, Template, TemplateError } from '../format/index.js';
import { dockerInfo, prettyInfo, type ClientInfo } from './info.js';

const info = {
  ID: 'id', Containers: 3, ContainersRunning: 1, ContainersPaused: 0, ContainersStopped: 2, Images: 2, Driver: 'overlay2',
  DriverStatus: [['Backing Filesystem', 'extfs']], Plugins: { Volume: ['local'], Network: ['host'], Authorization: null, Log: ['json-file'] },
  KernelMemory: false, OSType: 'linux', Architecture: 'x86_64', MemTotal: 25276514304, NCPU: 2, CgroupVersion: '1',
  RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } }, Mirrors: [] },
  Runtimes: { runc: { path: '/usr/sbin/runc' } }, Swarm: { LocalNodeState: 'inactive' }, SecurityOptions: ['name=seccomp,profile=default'],
  ContainerdCommit: { ID: '', Expected: '' }, RuncCommit: { ID: 'r', Expected: 'r' }, InitCommit: { ID: '' }, Warnings: ['WARNING: No swap limit support'],
};
const client: ClientInfo = { Version: '0.1.0', ApiVersion: '', DefaultAPIVersion: '1.41', GitCommit: '', GoVersion: 'v20', Os: 'linux', Arch: 'amd64', BuildTime: '', Context: 'default', Debug: false, Plugins: [], Warnings: null };
const run = (f: string) => new Template('').funcs(DOCKER_FUNCS).parse(f).execute(dockerInfo(info, client));

describe('docker info view (system.dockerInfo)', () => {
  it('is a Go struct: unknown fields fail with its type name', () => {
    expect(() => run('{{.NoSuchField}}')).toThrow(TemplateError);
    expect(() => run('{{.NoSuchField}}')).toThrow('can\'t evaluate field NoSuchField in type system.dockerInfo');
    expect(run('{{.OSType}} {{.Architecture}} {{.CPUCfsPeriod}} {{.HTTPProxy}}|')).toBe('linux x86_64 false |');
  });

  it('marshals like docker/cli: omitempty fields dropped, RegistryConfig through a sorted map', () => {
    const json = JSON.parse(run('{{json .}}'));
    expect(json).not.toHaveProperty('KernelMemory');
    expect(json.CpuCfsPeriod).toBe(false);
    expect(Object.keys(json.ClientInfo)).toEqual(['Debug', 'Version', 'DefaultAPIVersion', 'GitCommit', 'GoVersion', 'Os', 'Arch', 'Context', 'Plugins', 'Warnings']);
    expect(run('{{json .RegistryConfig}}')).toBe('{"IndexConfigs":{"docker.io":{"Mirrors":[],"Name":"docker.io","Official":true,"Secure":true}},"InsecureRegistryCIDRs":["127.0.0.0/8"],"Mirrors":[]}');
    expect(run('{{json .RegistryConfig.IndexConfigs}}')).toBe('{"docker.io":{"Name":"docker.io","Mirrors":[],"Secure":true,"Official":true}}');
    expect(json.ContainerdCommit).toEqual({ ID: '' });
  });

  it("prints docker's layout, warnings apart", () => {
    const { out, warnings } = prettyInfo(info, client);
    expect(out).toMatch(/^Client:\n Version: {4}0\.1\.0\n Context: {4}default\n Debug Mode: false\n\nServer:\n Containers: 3\n {2}Running: 1\n/);
    expect(out).toContain('\n Storage Driver: overlay2\n  Backing Filesystem: extfs\n');
    expect(out).toContain('\n Security Options:\n  seccomp\n   Profile: default\n');
    expect(out).toContain('\n Total Memory: 23.54GiB\n');
    expect(out).toContain('\n Insecure Registries:\n  127.0.0.0/8\n');
    expect(out.endsWith('\n\n')).toBe(true);
    expect(warnings).toEqual(['WARNING: No swap limit support']);
  });
});
