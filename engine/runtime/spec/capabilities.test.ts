import { describe, expect, it } from 'vitest';
import { allCapabilities, capabilitiesForUser, CAPABILITY_NAMES, DOCKER_DEFAULT_CAPS, normalizeCapName, tweakCapabilities } from './capabilities.js';

const host = { capLastCap: 40 };

describe('capabilities', () => {
  it('knows the kernel capabilities 0..40 and Docker\'s 14 defaults', () => {
    expect(CAPABILITY_NAMES).toHaveLength(41);
    expect(CAPABILITY_NAMES[24]).toBe('CAP_SYS_RESOURCE');
    expect(DOCKER_DEFAULT_CAPS).toHaveLength(14);
  });

  it('normalises names: case-insensitive, with or without CAP_', () => {
    expect(['sys_admin', 'CAP_SYS_ADMIN', 'Sys_Admin', 'cap_sys_admin'].map(normalizeCapName)).toEqual(Array(4).fill('CAP_SYS_ADMIN'));
    expect(normalizeCapName('all')).toBe('ALL');
  });

  it('returns Docker\'s defaults when nothing is tweaked', () => {
    expect(tweakCapabilities({}, host)).toEqual(DOCKER_DEFAULT_CAPS);
  });

  it('drops first, then appends additions (Docker\'s order)', () => {
    const caps = tweakCapabilities({ capAdd: ['sys_admin'], capDrop: ['chown'] }, host);
    expect(caps[0]).toBe('CAP_DAC_OVERRIDE');
    expect(caps.at(-1)).toBe('CAP_SYS_ADMIN');
    expect(caps).not.toContain('CAP_CHOWN');
  });

  it('lists a capability once even when it is a default and added again', () => {
    expect(tweakCapabilities({ capAdd: ['CAP_CHOWN', 'kill', 'KILL'] }, host)).toEqual(DOCKER_DEFAULT_CAPS);
  });

  it('adding wins over dropping the same capability', () => {
    expect(tweakCapabilities({ capAdd: ['net_raw'], capDrop: ['NET_RAW'] }, host)).toContain('CAP_NET_RAW');
  });

  it('--cap-add ALL gives every kernel capability minus the dropped ones, in number order', () => {
    const caps = tweakCapabilities({ capAdd: ['ALL'], capDrop: ['net_raw'] }, host);
    expect(caps).toHaveLength(40);
    expect(caps).not.toContain('CAP_NET_RAW');
    expect(caps.slice(0, 3)).toEqual(['CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH']);
  });

  it('--cap-drop ALL keeps only the added ones', () => {
    expect(tweakCapabilities({ capAdd: ['chown'], capDrop: ['all'] }, host)).toEqual(['CAP_CHOWN']);
    expect(tweakCapabilities({ capDrop: ['ALL'] }, host)).toEqual([]);
  });

  it('--privileged = all capabilities the kernel knows, ignoring add/drop', () => {
    expect(tweakCapabilities({ privileged: true, capDrop: ['chown'] }, host)).toEqual(CAPABILITY_NAMES);
    expect(tweakCapabilities({ privileged: true }, { capLastCap: 37 })).toEqual(CAPABILITY_NAMES.slice(0, 38));
  });

  it('keeps ALL and --privileged within the engine\'s own bounding set when given', () => {
    const boundingSet = CAPABILITY_NAMES.filter((c) => c !== 'CAP_SYS_RESOURCE');
    expect(allCapabilities({ capLastCap: 40, boundingSet })).toHaveLength(40);
    expect(tweakCapabilities({ privileged: true }, { capLastCap: 40, boundingSet })).not.toContain('CAP_SYS_RESOURCE');
  });

  it('rejects unknown names with Docker\'s message', () => {
    expect(() => tweakCapabilities({ capAdd: ['foo'] }, host)).toThrow('invalid CapAdd: unknown capability: "CAP_FOO"');
    expect(() => tweakCapabilities({ capDrop: ['CAP_BAR'] }, host)).toThrow('invalid CapDrop: unknown capability: "CAP_BAR"');
  });

  it('gives root bounding/effective/permitted and other users only bounding', () => {
    expect(capabilitiesForUser(['CAP_KILL'], 0)).toEqual({ bounding: ['CAP_KILL'], effective: ['CAP_KILL'], permitted: ['CAP_KILL'] });
    expect(capabilitiesForUser(['CAP_KILL'], 1000)).toEqual({ bounding: ['CAP_KILL'] });
  });
});
