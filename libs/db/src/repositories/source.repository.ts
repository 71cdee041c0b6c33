import { parseStoredCodeScan, parseStoredSpecOutline, storedCodeScanOf, storedSpecOutlineOf, type CodeScan, type SpecOutline } from '@apiaudit/domain';
import { IsNull, type DataSource } from 'typeorm';
import { SourceEntity, type SourceKind } from '../entities/source.entity';

export interface NewSource {
  projectId: string;
  kind: SourceKind;
  sha256: string;
  filename: string;
  size: number;
  content?: Buffer;
  path?: string;
  entry?: string;
  repository?: string;
  ref?: string;
  tokenSealed?: Buffer;
  /** A spec's outline, made while its upload was validated. */
  outline?: SpecOutline;
}

/** A repository source's last scan and the commit (or archive hash) it read. */
export interface StoredScan {
  commitSha: string;
  scan: CodeScan;
}

export class SourceRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Stores a source unless the project already has the same bytes (and archive entry): then the existing row comes back and
   * `created` is false. Versions are numbered per project and kind inside one transaction.
   */
  async addUnlessKnown(source: NewSource): Promise<{ source: SourceEntity; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(SourceEntity);
      // Serialise uploads per project so two concurrent ones cannot take the same version number.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${source.projectId}:${source.kind}`]);
      // Same bytes with another entry (a second description inside one archive) is a new source.
      const existing = await repo.findOneBy({ projectId: source.projectId, kind: source.kind, sha256: source.sha256, entry: source.entry ?? IsNull() });
      if (existing) return { source: existing, created: false };
      const { max } = (await repo
        .createQueryBuilder('s')
        .select('COALESCE(MAX(s.version), 0)', 'max')
        .where('s.project_id = :projectId AND s.kind = :kind', source)
        .getRawOne()) as { max: number };
      const saved = await repo.save({
        ...source,
        content: source.content ?? null,
        path: source.path ?? null,
        entry: source.entry ?? null,
        repository: source.repository ?? null,
        ref: source.ref ?? null,
        tokenSealed: source.tokenSealed ?? null,
        outline: source.outline ? storedSpecOutlineOf(source.outline) : null,
        version: Number(max) + 1,
      });
      // Neither is selected when a source is read back: the row saved here looks the same.
      delete (saved as Partial<SourceEntity>).tokenSealed;
      delete (saved as Partial<SourceEntity>).outline;
      return { source: saved, created: true };
    });
  }

  /** The newest spec and the one before it (for the contract-evolution diff), plus every trace upload and repository. */
  async inputsOfProject(projectId: string): Promise<{ spec?: SourceEntity; previousSpec?: SourceEntity; traces: SourceEntity[]; repositories: SourceEntity[] }> {
    const repo = this.db.getRepository(SourceEntity);
    const specs = await repo.find({ where: { projectId, kind: 'spec' }, order: { version: 'DESC' }, take: 2 });
    const traces = await repo.find({ where: { projectId, kind: 'traces' }, order: { version: 'ASC' } });
    const repositories = await repo.find({ where: { projectId, kind: 'repository' }, order: { version: 'ASC' } });
    return { ...(specs[0] ? { spec: specs[0] } : {}), ...(specs[1] ? { previousSpec: specs[1] } : {}), traces, repositories };
  }

  /** A new token for a repository source already stored (the same repository and ref added again with a token). */
  async replaceToken(id: string, tokenSealed: Buffer): Promise<void> {
    await this.db.getRepository(SourceEntity).update({ id }, { tokenSealed });
  }

  async sealedTokenOf(id: string): Promise<Buffer | null> {
    const row = await this.db.getRepository(SourceEntity).createQueryBuilder('s').addSelect('s.tokenSealed').where('s.id = :id', { id }).getOne();
    return row?.tokenSealed ?? null;
  }

  /**
   * The stored scan of a repository source, with the commit it read; undefined before the first scan, and when the
   * stored one is of another schema version or malformed (the source is then scanned again, not trusted).
   */
  async scanOf(id: string): Promise<StoredScan | undefined> {
    const row = await this.db.getRepository(SourceEntity).createQueryBuilder('s').addSelect('s.scan').where('s.id = :id', { id }).getOne();
    const scan = parseStoredCodeScan(row?.scan);
    return row?.commitSha && scan ? { commitSha: row.commitSha, scan } : undefined;
  }

  async saveScan(id: string, stored: StoredScan): Promise<void> {
    await this.db.getRepository(SourceEntity).update({ id }, { commitSha: stored.commitSha, scan: storedCodeScanOf(stored.scan), scannedAt: new Date() });
  }

  /** A spec source's stored outline; undefined when it has none (stored before outlines), or another version's, or a malformed one. */
  async specOutlineOf(id: string): Promise<SpecOutline | undefined> {
    const row = await this.db.getRepository(SourceEntity).createQueryBuilder('s').addSelect('s.outline').where('s.id = :id', { id }).getOne();
    return parseStoredSpecOutline(row?.outline);
  }

  async saveSpecOutline(id: string, outline: SpecOutline): Promise<void> {
    await this.db.getRepository(SourceEntity).update({ id }, { outline: storedSpecOutlineOf(outline) });
  }

  /** The spec an audit started at `at` read (the newest uploaded before it) and the trace exports it read. */
  async inputsAt(projectId: string, at: Date): Promise<{ spec?: SourceEntity; traces: SourceEntity[] }> {
    const repo = this.db.getRepository(SourceEntity);
    const spec = await repo.createQueryBuilder('s').where('s.project_id = :projectId AND s.kind = :kind AND s.created_at <= :at', { projectId, kind: 'spec', at }).orderBy('s.version', 'DESC').getOne();
    const traces = await repo.createQueryBuilder('s').where('s.project_id = :projectId AND s.kind = :kind AND s.created_at <= :at', { projectId, kind: 'traces', at }).orderBy('s.version', 'ASC').getMany();
    return { ...(spec ? { spec } : {}), traces };
  }

  findById(id: string): Promise<SourceEntity | null> {
    return this.db.getRepository(SourceEntity).findOneBy({ id });
  }

  /** Version `version` of the project's sources of one kind (versions are numbered per project and kind). */
  findVersion(projectId: string, kind: SourceKind, version: number): Promise<SourceEntity | null> {
    return this.db.getRepository(SourceEntity).findOneBy({ projectId, kind, version });
  }

  async contentOf(id: string): Promise<Buffer> {
    const row = await this.db.getRepository(SourceEntity).createQueryBuilder('s').addSelect('s.content').where('s.id = :id', { id }).getOneOrFail();
    return row.content ?? Buffer.alloc(0);
  }

  countOfProject(projectId: string): Promise<number> {
    return this.db.getRepository(SourceEntity).countBy({ projectId });
  }
}
