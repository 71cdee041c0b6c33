import type { DataSource } from 'typeorm';
import { SpecDiffEntity, type StoredChange } from '../entities/spec-diff.entity';

export interface NewSpecDiff {
  projectId: string;
  sourceId: string;
  baseSourceId: string;
  baseVersion: number;
  version: number;
  changes: StoredChange[];
}

export class SpecDiffRepository {
  constructor(private readonly db: DataSource) {}

  /** Upserts on (source, version): a retried diff-spec job replaces the earlier result. */
  async save(diff: NewSpecDiff): Promise<void> {
    const count = (level: string) => diff.changes.filter((c) => c.level === level).length;
    await this.db.getRepository(SpecDiffEntity).upsert(
      {
        ...diff,
        breaking: count('breaking'),
        potentiallyBreaking: count('potentially-breaking'),
        nonBreaking: count('non-breaking'),
        info: count('info'),
        createdAt: new Date(),
        // jsonb: TypeORM's deep-partial type cannot follow an index signature, as with audits.trace_analysis.
      } as never,
      { conflictPaths: ['sourceId', 'version'] },
    );
  }

  findBySource(sourceId: string, version: number): Promise<SpecDiffEntity | null> {
    return this.db.getRepository(SpecDiffEntity).findOneBy({ sourceId, version });
  }

  findByProjectVersion(projectId: string, version: number): Promise<SpecDiffEntity | null> {
    return this.db.getRepository(SpecDiffEntity).findOneBy({ projectId, version });
  }
}
