// csv-shaped flag values (--mount, --network, --gpus) and the list validators, checked against docker 28.2.
import { describe, expect, it } from 'vitest';
import { throttleBpsDevice, ulimitValue, validateDNSSearch, validateExtraHost, validateLabel, weightDevice } from './flag-values.js';
import { mountToWire, parseMountOpt } from './mount-opt.js';
import { parseGpuOpt, parseNetworkOpt } from './network-opt.js';

describe('--gpus', () => {
  it.each([
    ['all', { Driver: '', Count: -1, DeviceIDs: null, Capabilities: [['gpu']], Options: {} }],
    ['"device=0,1"', { Driver: '', Count: 0, DeviceIDs: ['0', '1'], Capabilities: [['gpu']], Options: {} }],
    ['driver=nvidia,"options=a=b,c=d"', { Driver: 'nvidia', Count: 1, DeviceIDs: null, Capabilities: [['gpu']], Options: { a: 'b', c: 'd' } }],
    ['count=2,capabilities=compute', { Driver: '', Count: 2, DeviceIDs: null, Capabilities: [['compute', 'gpu']], Options: {} }],
  ])('%s', (value, want) => expect(parseGpuOpt(value)).toEqual(want));

  it.each([
    ['count=1,count=2', "gpu request key 'count' can be specified only once"],
    ['all,count=2', "gpu request key 'count' can be specified only once"],
    ['foo=1', "unexpected key 'foo' in 'foo=1'"],
    ['bad', 'invalid count (bad): value must be either "all" or an integer: invalid syntax'],
  ])('%s fails: %s', (value, msg) => expect(() => parseGpuOpt(value)).toThrow(msg));
});

describe('--network', () => {
  it('takes a plain name, even one with "=" but no word after it', () => {
    expect(parseNetworkOpt('mynet')).toEqual({ Target: 'mynet' });
    expect(parseNetworkOpt('name=')).toEqual({ Target: 'name=' });
  });

  it('parses the long syntax, lower-casing it', () => {
    expect(parseNetworkOpt('name=Net1,ALIAS=X,alias=y,ip=10.0.0.2,driver-opt=k=V,gw-priority=3,link-local-ip=169.254.0.1')).toEqual({
      Target: 'net1', Aliases: ['x', 'y'], IPv4Address: '10.0.0.2', DriverOpts: { k: 'v' }, GwPriority: 3, LinkLocalIPs: ['169.254.0.1'],
    });
  });

  it.each([
    ['name=a,gw-priority=x', 'invalid gw-priority (x): invalid syntax'],
    ['name=a,driver-opt=x', 'invalid key value pair format in driver options'],
    ['name=a,foo=b', 'invalid field key foo'],
    ['alias=a', 'network name/id is not specified'],
    ['name=a,b', 'invalid field b'],
  ])('%s fails: %s', (value, msg) => expect(() => parseNetworkOpt(value)).toThrow(msg));
});

describe('--mount', () => {
  it('defaults to a volume and keeps Go field order on the wire', () => {
    expect(JSON.stringify(mountToWire(parseMountOpt('dst=/d,volume-nocopy')))).toBe('{"Type":"volume","Target":"/d","VolumeOptions":{"NoCopy":true,"DriverConfig":{}}}');
    expect(JSON.stringify(mountToWire(parseMountOpt('type=TMPFS,destination=/t,tmpfs-mode=700,tmpfs-size=1k')))).toBe('{"Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":1024,"Mode":448}}');
  });

  it('maps bind-recursive values', () => {
    expect(parseMountOpt('type=bind,src=/a,dst=/b,bind-recursive=disabled').BindOptions).toEqual({ NonRecursive: true });
    expect(parseMountOpt('type=bind,src=/a,dst=/b,ro,bind-recursive=writable').BindOptions).toEqual({ ReadOnlyNonRecursive: true });
    expect(() => parseMountOpt('type=bind,src=/a,dst=/b,bind-recursive=writable')).toThrow("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
    expect(() => parseMountOpt('type=bind,src=/a,dst=/b,ro,bind-recursive=readonly')).toThrow("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
  });

  it('accepts Go booleans and reports bad ones', () => {
    expect(parseMountOpt('type=bind,src=/a,dst=/b,ro=T').ReadOnly).toBe(true);
    expect(() => parseMountOpt('type=volume,dst=/b,volume-nocopy=yes')).toThrow('invalid value for volume-nocopy: yes');
    expect(() => parseMountOpt('type=,dst=/b')).toThrow('type is required');
  });
});

describe('list validators', () => {
  it('normalizes --add-host to host:ip', () => {
    expect(validateExtraHost('a=1.2.3.4')).toBe('a:1.2.3.4');
    expect(validateExtraHost('a:[::1]')).toBe('a:::1');
    expect(validateExtraHost('gw=host-gateway')).toBe('gw:host-gateway');
    expect(() => validateExtraHost('::1:2')).toThrow('bad format for add-host: "::1:2"');
  });

  it('checks --dns-search domains', () => {
    expect(validateDNSSearch(' example.com. ')).toBe('example.com');
    expect(validateDNSSearch('.')).toBe('.');
    expect(() => validateDNSSearch('123')).toThrow('123 is not a valid domain');
  });

  it('checks labels, devices and ulimits', () => {
    expect(validateLabel('  a=b c')).toBe('  a=b c');
    expect(throttleBpsDevice('/dev/sda:1mb')).toEqual({ Path: '/dev/sda', Rate: 1048576 });
    expect(() => throttleBpsDevice('sda:1')).toThrow('bad format for device path: sda:1');
    expect(weightDevice('/dev/sda:0')).toEqual({ Path: '/dev/sda', Weight: 0 });
    expect(ulimitValue('nofile=-1')).toEqual({ Name: 'nofile', Soft: -1, Hard: -1 });
    expect(ulimitValue('core=1:-1')).toEqual({ Name: 'core', Soft: 1, Hard: -1 });
  });
});
