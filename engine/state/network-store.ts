// Network state, host-wide rather than per storage root: every skiff engine of a user (root: the host)
// shares one network namespace, so networks, IP leases (endpoints) and published ports (sandboxes)
// live in one SQLite file whatever --root says. (network, ip) is unique: an address is never leased
// twice, even by two processes at once.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { conflict } from '../errors.js';
import type { EndpointRecord, NetworkRecord, SandboxRecord } from '../model/network.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS networks (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS endpoints (container_id TEXT NOT NULL, network_id TEXT NOT NULL, ip TEXT NOT NULL, record TEXT NOT NULL,
  PRIMARY KEY (container_id, network_id), UNIQUE (network_id, ip));
CREATE TABLE IF NOT EXISTS sandboxes (container_id TEXT PRIMARY KEY, record TEXT NOT NULL);
`;

const parse = <T>(row: unknown): T | undefined => (row ? (JSON.parse((row as { record: string }).record) as T) : undefined);
const parseAll = <T>(rows: unknown[]): T[] => rows.map((r) => JSON.parse((r as { record: string }).record) as T);
const isConstraint = (e: unknown) => !!(e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT');

export class NetworkStore {
  private readonly db: Database.Database;
  private readonly s;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.db = new Database(file, { timeout: 30_000 });
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    const d = this.db;
    this.s = {
      insertNetwork: d.prepare('INSERT INTO networks (id, name, record) VALUES (?, ?, ?)'),
      getNetwork: d.prepare('SELECT record FROM networks WHERE id = ?'),
      networkByName: d.prepare('SELECT record FROM networks WHERE name = ?'),
      networkByPrefix: d.prepare("SELECT record FROM networks WHERE id LIKE ? || '%' LIMIT 2"),
      listNetworks: d.prepare('SELECT record FROM networks ORDER BY rowid'),
      deleteNetwork: d.prepare('DELETE FROM networks WHERE id = ?'),
      putEndpoint: d.prepare('INSERT INTO endpoints (container_id, network_id, ip, record) VALUES (?, ?, ?, ?)'),
      endpointsOf: d.prepare('SELECT record FROM endpoints WHERE container_id = ? ORDER BY rowid'),
      endpointsOn: d.prepare('SELECT record FROM endpoints WHERE network_id = ? ORDER BY rowid'),
      allEndpoints: d.prepare('SELECT record FROM endpoints ORDER BY rowid'),
      deleteEndpoint: d.prepare('DELETE FROM endpoints WHERE container_id = ? AND network_id = ?'),
      deleteEndpoints: d.prepare('DELETE FROM endpoints WHERE container_id = ?'),
      putSandbox: d.prepare('INSERT INTO sandboxes (container_id, record) VALUES (?, ?) ON CONFLICT(container_id) DO UPDATE SET record = excluded.record'),
      getSandbox: d.prepare('SELECT record FROM sandboxes WHERE container_id = ?'),
      listSandboxes: d.prepare('SELECT record FROM sandboxes'),
      deleteSandbox: d.prepare('DELETE FROM sandboxes WHERE container_id = ?'),
    };
  }

  /** IMMEDIATE: read-check-write sequences (leases, ports) never interleave across processes. */
  transaction<T>(fn: () => T): T { return this.db.transaction(fn).immediate(); }
  close(): void { this.db.close(); }

  insertNetwork(rec: NetworkRecord): void {
    try {
      this.s.insertNetwork.run(rec.Id, rec.Name, JSON.stringify(rec));
    } catch (e) {
      // docker parity: moby daemon/network.go createNetwork (libnetwork NetworkNameError)
      if (isConstraint(e)) throw conflict('network-exists', `network with name ${rec.Name} already exists`);
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
      if (isConstraint(e)) throw conflict('ip-in-use', 'Address already in use');
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
}
