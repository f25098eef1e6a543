import Database from 'better-sqlite3';
import { conflict, EngineError } from '../errors.js';
import type { ContainerRecord, ContainerState } from '../model/container.js';
import type { ImageRecord } from '../model/image.js';
import type { ExecRecord, LayerRecord, StateStore } from './store.js';
import { VOLUME_SCHEMA, VolumeTables, type VolumeState } from './volume-tables.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS containers (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created TEXT NOT NULL, record TEXT NOT NULL, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS images (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tags (name TEXT PRIMARY KEY, image_id TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS digests (name TEXT PRIMARY KEY, image_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS layers (chain_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS execs (id TEXT PRIMARY KEY, container_id TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tags_image ON tags(image_id);
CREATE INDEX IF NOT EXISTS digests_image ON digests(image_id);
`;

// The volume methods are VolumeTables', bound onto the store in the constructor.
export interface SqliteStore extends VolumeState {}

/** SQLite in WAL mode: readers never block, writers queue on SQLite's lock with a generous timeout. */
export class SqliteStore implements StateStore {
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<SqliteStore['prepare']>;

  constructor(file: string) {
    this.db = new Database(file, { timeout: 30_000 });
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA + VOLUME_SCHEMA);
    this.stmts = this.prepare();
    new VolumeTables(this.db).bindTo(this);
  }

  private prepare() {
    const d = this.db;
    return {
      insertContainer: d.prepare('INSERT INTO containers (id, name, created, record, state) VALUES (?, ?, ?, ?, ?)'),
      getContainer: d.prepare('SELECT record, state FROM containers WHERE id = ?'),
      byName: d.prepare('SELECT record, state FROM containers WHERE name = ?'),
      byPrefix: d.prepare("SELECT record, state FROM containers WHERE id LIKE ? || '%' LIMIT 2"),
      listContainers: d.prepare('SELECT record, state FROM containers ORDER BY created DESC, rowid DESC'),
      saveContainer: d.prepare('UPDATE containers SET name = ?, record = ?, state = ? WHERE id = ?'),
      saveState: d.prepare('UPDATE containers SET state = ? WHERE id = ?'),
      rename: d.prepare('UPDATE containers SET name = ? WHERE id = ?'),
      deleteContainer: d.prepare('DELETE FROM containers WHERE id = ?'),
      deleteContainerExecs: d.prepare('DELETE FROM execs WHERE container_id = ?'),
      idForName: d.prepare('SELECT id FROM containers WHERE name = ?'),
      putImage: d.prepare('INSERT INTO images (id, record) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET record = excluded.record'),
      getImage: d.prepare('SELECT record FROM images WHERE id = ?'),
      listImages: d.prepare('SELECT record FROM images'),
      deleteImage: d.prepare('DELETE FROM images WHERE id = ?'),
      tagsOf: d.prepare('SELECT name FROM tags WHERE image_id = ? ORDER BY created, name'),
      digestsOf: d.prepare('SELECT name FROM digests WHERE image_id = ? ORDER BY name'),
      getTag: d.prepare('SELECT image_id FROM tags WHERE name = ?'),
      setTag: d.prepare('INSERT INTO tags (name, image_id, created) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET image_id = excluded.image_id, created = excluded.created'),
      removeTag: d.prepare('DELETE FROM tags WHERE name = ?'),
      getDigest: d.prepare('SELECT image_id FROM digests WHERE name = ?'),
      addDigest: d.prepare('INSERT INTO digests (name, image_id) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET image_id = excluded.image_id'),
      removeDigest: d.prepare('DELETE FROM digests WHERE name = ?'),
      putLayer: d.prepare('INSERT INTO layers (chain_id, record) VALUES (?, ?) ON CONFLICT(chain_id) DO UPDATE SET record = excluded.record'),
      getLayer: d.prepare('SELECT record FROM layers WHERE chain_id = ?'),
      listLayers: d.prepare('SELECT record FROM layers'),
      deleteLayer: d.prepare('DELETE FROM layers WHERE chain_id = ?'),
      putExec: d.prepare('INSERT INTO execs (id, container_id, record) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET record = excluded.record'),
      getExec: d.prepare('SELECT record FROM execs WHERE id = ?'),
      listExecs: d.prepare('SELECT record FROM execs WHERE container_id = ?'),
      deleteExec: d.prepare('DELETE FROM execs WHERE id = ?'),
    };
  }

  transaction<T>(fn: () => T): T {
    // IMMEDIATE takes the write lock up front, so read-check-write sequences cannot interleave across processes.
    return this.db.transaction(fn).immediate();
  }

  close(): void { this.db.close(); }

  insertContainer(rec: ContainerRecord): void {
    const { State, ...rest } = rec;
    try {
      this.stmts.insertContainer.run(rec.Id, rec.Name, rec.Created, JSON.stringify(rest), JSON.stringify(State));
    } catch (e) {
      if (isUniqueViolation(e)) throw nameConflict(rec.Name, this.containerIdForName(rec.Name) ?? '');
      throw e;
    }
  }

  getContainer(id: string) { return rowToContainer(this.stmts.getContainer.get(id)); }

  lookupContainer(ref: string): ContainerRecord | undefined {
    if (ref === '') return undefined;
    const name = ref.startsWith('/') ? ref.slice(1) : ref;
    const exact = this.getContainer(ref) ?? rowToContainer(this.stmts.byName.get(name));
    if (exact) return exact;
    if (!/^[0-9a-f]+$/.test(ref)) return undefined;
    const rows = this.stmts.byPrefix.all(ref);
    if (rows.length > 1) throw new EngineError('invalid-argument', 'ambiguous-id', `multiple IDs found with provided prefix: ${ref}`);
    return rowToContainer(rows[0]);
  }

  listContainers() { return this.stmts.listContainers.all().map((r) => rowToContainer(r)!); }

  saveContainer(rec: ContainerRecord): void {
    const { State, ...rest } = rec;
    try {
      this.stmts.saveContainer.run(rec.Name, JSON.stringify(rest), JSON.stringify(State), rec.Id);
    } catch (e) {
      if (isUniqueViolation(e)) throw nameConflict(rec.Name, this.containerIdForName(rec.Name) ?? '');
      throw e;
    }
  }

  saveContainerState(id: string, state: ContainerState) { this.stmts.saveState.run(JSON.stringify(state), id); }

  renameContainer(id: string, name: string): void {
    const rec = this.getContainer(id);
    if (!rec) return;
    this.saveContainer({ ...rec, Name: name });
  }

  /** A container's exec instances go with it (Docker forgets them on removal). */
  deleteContainer(id: string) { this.stmts.deleteContainerExecs.run(id); this.stmts.deleteContainer.run(id); }
  containerIdForName(name: string) { return (this.stmts.idForName.get(name) as { id: string } | undefined)?.id; }

  putImage(rec: Omit<ImageRecord, 'RepoTags' | 'RepoDigests'>) { this.stmts.putImage.run(rec.Id, JSON.stringify(rec)); }

  getImage(id: string): ImageRecord | undefined {
    const row = this.stmts.getImage.get(id) as { record: string } | undefined;
    return row ? this.withNames(JSON.parse(row.record)) : undefined;
  }

  listImages() { return (this.stmts.listImages.all() as { record: string }[]).map((r) => this.withNames(JSON.parse(r.record))); }
  deleteImage(id: string) { this.stmts.deleteImage.run(id); }

  setTag(name: string, imageId: string): string | undefined {
    const previous = this.imageIdForTag(name);
    this.stmts.setTag.run(name, imageId, Date.now());
    return previous;
  }

  removeTag(name: string) { this.stmts.removeTag.run(name); }
  imageIdForTag(name: string) { return (this.stmts.getTag.get(name) as { image_id: string } | undefined)?.image_id; }
  addRepoDigest(nameAtDigest: string, imageId: string) { this.stmts.addDigest.run(nameAtDigest, imageId); }
  removeRepoDigest(nameAtDigest: string) { this.stmts.removeDigest.run(nameAtDigest); }
  imageIdForDigest(nameAtDigest: string) { return (this.stmts.getDigest.get(nameAtDigest) as { image_id: string } | undefined)?.image_id; }

  putLayer(rec: LayerRecord) { this.stmts.putLayer.run(rec.ChainId, JSON.stringify(rec)); }
  getLayer(chainId: string) { return parseRecord<LayerRecord>(this.stmts.getLayer.get(chainId)); }
  listLayers() { return (this.stmts.listLayers.all() as { record: string }[]).map((r) => JSON.parse(r.record) as LayerRecord); }
  deleteLayer(chainId: string) { this.stmts.deleteLayer.run(chainId); }

  putExec(rec: ExecRecord) { this.stmts.putExec.run(rec.Id, rec.ContainerId, JSON.stringify(rec)); }
  getExec(id: string) { return parseRecord<ExecRecord>(this.stmts.getExec.get(id)); }
  listExecs(containerId: string) { return (this.stmts.listExecs.all(containerId) as { record: string }[]).map((r) => JSON.parse(r.record) as ExecRecord); }
  deleteExec(id: string) { this.stmts.deleteExec.run(id); }

  private withNames(rec: Omit<ImageRecord, 'RepoTags' | 'RepoDigests'>): ImageRecord {
    const tags = (this.stmts.tagsOf.all(rec.Id) as { name: string }[]).map((r) => r.name);
    const digests = (this.stmts.digestsOf.all(rec.Id) as { name: string }[]).map((r) => r.name);
    return { ...rec, RepoTags: tags, RepoDigests: digests };
  }
}

function rowToContainer(row: unknown): ContainerRecord | undefined {
  if (!row) return undefined;
  const { record, state } = row as { record: string; state: string };
  return { ...JSON.parse(record), State: JSON.parse(state) } as ContainerRecord;
}

function parseRecord<T>(row: unknown): T | undefined {
  return row ? (JSON.parse((row as { record: string }).record) as T) : undefined;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE' || (e as { code?: string })?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

// docker parity: moby daemon/names.go reserveName
export function nameConflict(name: string, id: string) {
  return conflict('name-in-use', `Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`);
}
