// The volumes table of the SQLite state: one row per local volume. Its methods are bound onto the
// store (SqliteStore), so volume changes share the container transactions (create, rm).
import type Database from 'better-sqlite3';
import type { VolumeRecord } from '../model/volume.js';

export const VOLUME_SCHEMA = 'CREATE TABLE IF NOT EXISTS volumes (name TEXT PRIMARY KEY, record TEXT NOT NULL);';

/** The volume methods of the state store (see StateStore). */
export type VolumeState = Omit<VolumeTables, 'bindTo'>;

export class VolumeTables {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      put: db.prepare('INSERT INTO volumes (name, record) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET record = excluded.record'),
      get: db.prepare('SELECT record FROM volumes WHERE name = ?'),
      list: db.prepare('SELECT record FROM volumes ORDER BY name'),
      del: db.prepare('DELETE FROM volumes WHERE name = ?'),
    };
  }

  putVolume(rec: VolumeRecord) { this.s.put.run(rec.Name, JSON.stringify(rec)); }
  getVolume(name: string): VolumeRecord | undefined {
    const row = this.s.get.get(name) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as VolumeRecord) : undefined;
  }
  listVolumes(): VolumeRecord[] { return (this.s.list.all() as { record: string }[]).map((r) => JSON.parse(r.record) as VolumeRecord); }
  deleteVolume(name: string) { this.s.del.run(name); }

  /** Makes every table method a method of `target` (the store), bound to these statements. */
  bindTo(target: object): void {
    for (const name of ['putVolume', 'getVolume', 'listVolumes', 'deleteVolume'] as const) {
      Object.defineProperty(target, name, { value: this[name].bind(this) });
    }
  }
}
