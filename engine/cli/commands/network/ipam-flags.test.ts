import { describe, expect, it } from 'vitest';
import { ipamConfigs } from './ipam-flags.js';

describe('network create IPAM flags (docker/cli createIPAMConfig)', () => {
  it('pairs ranges and gateways with the subnet that contains them', () => {
    expect(ipamConfigs(['10.213.9.0/24'], ['10.213.9.128/25'], ['10.213.9.1'], { host1: '10.213.9.5' })).toEqual([
      { Subnet: '10.213.9.0/24', IPRange: '10.213.9.128/25', Gateway: '10.213.9.1', AuxiliaryAddresses: { host1: '10.213.9.5' } },
    ]);
    expect(ipamConfigs([], [], [], {})).toEqual([]);
  });
  it('reports the client-side errors docker prints', () => {
    expect(() => ipamConfigs([], [], ['10.1.1.1'], {})).toThrow('every ip-range or gateway must have a corresponding subnet');
    expect(() => ipamConfigs(['10.213.10.0/24'], [], ['10.1.1.1'], {})).toThrow('no matching subnet for gateway 10.1.1.1');
    expect(() => ipamConfigs(['10.213.11.0/24'], ['10.213.12.0/25'], [], {})).toThrow('no matching subnet for range 10.213.12.0/25');
    expect(() => ipamConfigs(['10.0.0.0/16', '10.0.1.0/24'], [], [], {})).toThrow('multiple overlapping subnet configuration is not supported');
    expect(() => ipamConfigs(['10.0.0.0/24'], ['bogus'], [], {})).toThrow('invalid CIDR address: bogus');
    expect(() => ipamConfigs(['10.0.0.0/24', '10.9.0.0/24'], [], ['10.0.0.1', '10.0.0.2'], {})).toThrow('cannot configure multiple gateways (10.0.0.2, 10.0.0.1) for the same subnet (10.0.0.0/24)');
  });
});
