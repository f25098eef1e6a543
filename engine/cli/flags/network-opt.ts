// The csv-shaped values of --network (name=…,alias=…) and --gpus, as docker/cli opts/network.go and
// opts/gpus.go parse them.
import { cut } from './flag-values.js';
import { readCsvRecord } from './go-csv.js';
import { goAtoi } from './go-strconv.js';

/** opts.NetworkAttachmentOpts: one --network value. */
export interface NetworkAttachment {
  Target: string;
  Aliases?: string[];
  DriverOpts?: Record<string, string>;
  Links?: string[];
  IPv4Address?: string;
  IPv6Address?: string;
  LinkLocalIPs?: string[];
  MacAddress?: string;
  GwPriority?: number;
}

/** container.DeviceRequest (the body shape of one --gpus value). */
export interface DeviceRequest {
  Driver: string;
  Count: number;
  DeviceIDs: string[] | null;
  Capabilities: string[][] | null;
  Options: Record<string, string> | null;
}

// The reason text of a Go *strconv.NumError (what `%w` of numErr.Err prints).
const numReason = (e: unknown) => ((e as Error).message.endsWith('value out of range') ? 'value out of range' : 'invalid syntax');

// docker parity: docker/cli opts/network.go NetworkOpt.Set
export function parseNetworkOpt(value: string): NetworkAttachment {
  // Unanchored on purpose, as docker's regexp.MatchString is.
  if (!/\w+=\w+(,\w+=\w+)*/.test(value)) return { Target: value };
  const opt: NetworkAttachment = { Target: '', Aliases: [] };
  for (const field of readCsvRecord(value)) {
    const [rawKey, rawVal, ok] = cut(field.toLowerCase(), '=');
    if (!ok || rawKey === '') throw new Error(`invalid field ${field}`);
    setNetworkField(opt, rawKey.trim(), rawVal.trim());
  }
  if (opt.Target === '') throw new Error('network name/id is not specified');
  return opt;
}

function setNetworkField(opt: NetworkAttachment, key: string, val: string): void {
  switch (key) {
    case 'name': opt.Target = val; return;
    case 'alias': opt.Aliases!.push(val); return;
    case 'ip': opt.IPv4Address = val; return;
    case 'ip6': opt.IPv6Address = val; return;
    case 'mac-address': opt.MacAddress = val; return;
    case 'link-local-ip': (opt.LinkLocalIPs ??= []).push(val); return;
    case 'driver-opt': {
      const [k, v, ok] = cut(val, '=');
      if (!ok || k === '') throw new Error('invalid key value pair format in driver options');
      (opt.DriverOpts ??= {})[k.trim()] = v.trim();
      return;
    }
    case 'gw-priority':
      try { opt.GwPriority = goAtoi(val); } catch (e) { throw new Error(`invalid gw-priority (${val}): ${numReason(e)}`); }
      return;
    default: throw new Error(`invalid field key ${key}`);
  }
}

// docker parity: docker/cli opts/gpus.go parseCount
function parseCount(s: string): number {
  if (s === 'all') return -1;
  try { return goAtoi(s); } catch (e) { throw new Error(`invalid count (${s}): value must be either "all" or an integer: ${numReason(e)}`); }
}

// docker parity: docker/cli opts/gpus.go GpuOpts.Set
export function parseGpuOpt(value: string): DeviceRequest {
  const req: DeviceRequest = { Driver: '', Count: 0, DeviceIDs: null, Capabilities: null, Options: {} };
  const seen = new Set<string>();
  for (const field of readCsvRecord(value)) {
    const [key, val, withValue] = cut(field, '=');
    if (seen.has(key)) throw new Error(`gpu request key '${key}' can be specified only once`);
    seen.add(key);
    if (!withValue) { seen.add('count'); req.Count = parseCount(key); continue; }
    setGpuField(req, key, val, field);
  }
  if (!seen.has('count') && req.DeviceIDs === null) req.Count = 1;
  req.Capabilities ??= [['gpu']];
  return req;
}

function setGpuField(req: DeviceRequest, key: string, val: string, field: string): void {
  switch (key) {
    case 'driver': req.Driver = val; return;
    case 'count': req.Count = parseCount(val); return;
    case 'device': req.DeviceIDs = val.split(','); return;
    case 'capabilities': req.Capabilities = [[...val.split(','), 'gpu']]; return;
    case 'options': {
      let fields: string[];
      try { fields = readCsvRecord(val); } catch (e) { throw new Error(`failed to read gpu options: ${(e as Error).message}`); }
      for (const f of fields) { const [k, v] = cut(f, '='); req.Options![k] = v; }
      return;
    }
    default: throw new Error(`unexpected key '${key}' in '${field}'`);
  }
}
