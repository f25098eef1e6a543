// The volume, network, endpoint and sandbox tables of the SQLite state. Endpoint rows are the IP
// leases: (network, ip) is unique, so two processes can never hand out one address twice.
import type Database from 'better-sqlite3';
import { conflict } from '../errors.js';
import type { EndpointRecord, NetworkRecord, SandboxRecord } from '../model/network.js';
import type { VolumeRecord } from '../model/volume.js';

export const NET_SCHEMA = `
CREATE TABLE IF NOT EXISTS volumes (name TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS networks (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS endpoints (container_id TEXT NOT NULL, network_id TEXT NOT NULL, ip TEXT NOT NULL, record TEXT NOT NULL,
  PRIMARY KEY (container_id, network_id), UNIQUE (network_id, ip));
CREATE TABLE IF NOT EXISTS sandboxes (container_id TEXT PRIMARY KEY, record TEXT NOT NULL);
`;

const parse = <T>(row: unknown): T | undefined => (row ? (JSON.parse((row as { record: string }).record) as T) : undefined);
const parseAll = <T>(rows: unknown[]): T[] => rows.map((r) => JSON.parse((r as { record: string }).record) as T);

/** The methods the state store gains from these tables (see StateStore). */
export type NetState = Omit<NetTables, 'bindTo'>;

export class NetTables {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      putVolume: db.prepare('INSERT INTO volumes (name, record) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET record = excluded.record'),
      getVolume: db.prepare('SELECT record FROM volumes WHERE name = ?'),
      listVolumes: db.prepare('SELECT record FROM volumes ORDER BY name'),
      deleteVolume: db.prepare('DELETE FROM volumes WHERE name = ?'),
      insertNetwork: db.prepare('INSERT INTO networks (id, name, record) VALUES (?, ?, ?)'),
      getNetwork: db.prepare('SELECT record FROM networks WHERE id = ?'),
      networkByName: db.prepare('SELECT record FROM networks WHERE name = ?'),
      networkByPrefix: db.prepare("SELECT record FROM networks WHERE id LIKE ? || '%' LIMIT 2"),
      listNetworks: db.prepare('SELECT record FROM networks ORDER BY rowid'),
      deleteNetwork: db.prepare('DELETE FROM networks WHERE id = ?'),
      putEndpoint: db.prepare('INSERT INTO endpoints (container_id, network_id, ip, record) VALUES (?, ?, ?, ?)'),
      endpointsOf: db.prepare('SELECT record FROM endpoints WHERE container_id = ? ORDER BY rowid'),
      endpointsOn: db.prepare('SELECT record FROM endpoints WHERE network_id = ? ORDER BY rowid'),
      allEndpoints: db.prepare('SELECT record FROM endpoints ORDER BY rowid'),
      deleteEndpoint: db.prepare('DELETE FROM endpoints WHERE container_id = ? AND network_id = ?'),
      deleteEndpoints: db.prepare('DELETE FROM endpoints WHERE container_id = ?'),
      putSandbox: db.prepare('INSERT INTO sandboxes (container_id, record) VALUES (?, ?) ON CONFLICT(container_id) DO UPDATE SET record = excluded.record'),
      getSandbox: db.prepare('SELECT record FROM sandboxes WHERE container_id = ?'),
      listSandboxes: db.prepare('SELECT record FROM sandboxes'),
      deleteSandbox: db.prepare('DELETE FROM sandboxes WHERE container_id = ?'),
    };
  }

  putVolume(rec: VolumeRecord) { this.s.putVolume.run(rec.Name, JSON.stringify(rec)); }
  getVolume(name: string) { return parse<VolumeRecord>(this.s.getVolume.get(name)); }
  listVolumes() { return parseAll<VolumeRecord>(this.s.listVolumes.all()); }
  deleteVolume(name: string) { this.s.deleteVolume.run(name); }

  insertNetwork(rec: NetworkRecord): void {
    try {
      this.s.insertNetwork.run(rec.Id, rec.Name, JSON.stringify(rec));
    } catch (e) {
      // docker parity: moby daemon/network.go createNetwork (libnetwork NetworkNameError)
      if ((e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw conflict('network-exists', `network with name ${rec.Name} already exists`);
      throw e;
    }
  }

  getNetwork(id: string) { return parse<NetworkRecord>(this.s.getNetwork.get(id)); }
  networkByName(name: string) { return parse<NetworkRecord>(this.s.networkByName.get(name)); }
  networksByIdPrefix(prefix: string) { return parseAll<NetworkRecord>(this.s.networkByPrefix.all(prefix)); }
  listNetworks() { return parseAll<NetworkRecord>(this.s.listNetworks.all()); }
  deleteNetwork(id: string) { this.s.deleteNetwork.run(id); }

  /** Records a lease; throws conflict `ip-in-use` when the address is taken on that network. */
  putEndpoint(ep: EndpointRecord): void {
    try {
      this.s.putEndpoint.run(ep.ContainerId, ep.NetworkId, ep.IPAddress, JSON.stringify(ep));
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw conflict('ip-in-use', `Address already in use`);
      throw e;
    }
  }

  listEndpoints(filter: { containerId?: string; networkId?: string } = {}): EndpointRecord[] {
    if (filter.containerId) return parseAll<EndpointRecord>(this.s.endpointsOf.all(filter.containerId)).filter((e) => !filter.networkId || e.NetworkId === filter.networkId);
    if (filter.networkId) return parseAll<EndpointRecord>(this.s.endpointsOn.all(filter.networkId));
    return parseAll<EndpointRecord>(this.s.allEndpoints.all());
  }

  deleteEndpoints(containerId: string, networkId?: string): void {
    if (networkId) this.s.deleteEndpoint.run(containerId, networkId);
    else this.s.deleteEndpoints.run(containerId);
  }

  putSandbox(sb: SandboxRecord) { this.s.putSandbox.run(sb.ContainerId, JSON.stringify(sb)); }
  getSandbox(containerId: string) { return parse<SandboxRecord>(this.s.getSandbox.get(containerId)); }
  listSandboxes() { return parseAll<SandboxRecord>(this.s.listSandboxes.all()); }
  deleteSandbox(containerId: string) { this.s.deleteSandbox.run(containerId); }

  /** Makes every table method a method of `target` (the store), bound to these statements. */
  bindTo(target: object): void {
    for (const name of Object.getOwnPropertyNames(NetTables.prototype)) {
      if (name === 'constructor' || name === 'bindTo') continue;
      Object.defineProperty(target, name, { value: (this as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!.bind(this) });
    }
  }
}
